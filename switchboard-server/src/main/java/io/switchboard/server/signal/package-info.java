/**
 * In-process signals (issue 11 point 3): facts a capability announces once, on the node where they
 * happen (a command's outcome, a workflow's end, a tunnel controller's connect and disconnect), for
 * other capabilities to act on (webhooks, Telegram). {@link io.switchboard.server.signal.Signals}
 * is the fan-out; it never lets a subscriber's failure reach the emitter.
 */
package io.switchboard.server.signal;
