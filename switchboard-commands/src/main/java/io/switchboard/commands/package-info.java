/**
 * Commands, events and queries (SPEC C2; issue 8) as a capability of a Switchboard node: {@link
 * io.switchboard.commands.CommandsCapability} wires the sub-packages, one per concern: {@code
 * domain} (the registration API), {@code board} (the example domain), {@code intake}, {@code
 * handling}, {@code events}, {@code projection}, {@code outcome}, {@code wire} and {@code http}.
 */
package io.switchboard.commands;
