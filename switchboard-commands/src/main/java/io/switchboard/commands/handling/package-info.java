/**
 * Handling commands from the broker: sharded consumers, the aggregate loader and the one
 * transaction per command (SPEC C2; issue 8 point 3).
 */
package io.switchboard.commands.handling;
