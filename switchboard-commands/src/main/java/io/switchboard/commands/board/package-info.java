/**
 * The example domain shipped with Switchboard (SPEC C2, seed 003): a collaborative board with
 * cards, built only on the registration API of {@code io.switchboard.commands.domain}, the way a
 * user adds their own domain.
 */
package io.switchboard.commands.board;
