/**
 * The registration API of commands, events and queries (SPEC C2; issue 8): aggregates, command
 * types with their handlers, external command types, projections, room feeds and queries, all plain
 * Java, collected in a {@link io.switchboard.commands.domain.Domain}. A domain depends on this
 * package only; the board example ({@code io.switchboard.commands.board}) shows how.
 */
package io.switchboard.commands.domain;
