/**
 * Fan-out between gateway nodes (SPEC "Engines", pub/sub): the {@link
 * io.switchboard.core.pubsub.PubSub} port with exact, reference-counted channels, and the {@link
 * io.switchboard.core.pubsub.BusMessage}s a room or user channel carries.
 */
package io.switchboard.core.pubsub;
