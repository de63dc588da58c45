/**
 * A Switchboard node (SPEC C1, "Operations"): {@link io.switchboard.server.SwitchboardServer}
 * starts and stops the driving adapters of the sub-packages on the engine ports it is given.
 * Depends on core only, never on an engine module.
 */
package io.switchboard.server;
