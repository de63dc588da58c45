package io.switchboard.core.pubsub;

import io.vertx.core.Future;
import java.util.function.BiConsumer;

/**
 * Engine port: fan-out of {@link BusMessage}s between gateway nodes, by channel (SPEC "Engines",
 * pub/sub fan-out).
 *
 * <p>Contract, checked by {@code PubSubContract}:
 *
 * <ul>
 *   <li><b>Exact channels, reference counted.</b> A node receives a channel's messages only while
 *       it holds at least one subscription to it. {@link #subscribe} and {@link #unsubscribe} count
 *       per node: the engine subscribes on the first and unsubscribes on the last (no pattern
 *       subscription over everything, unlike Socket.IO's adapter).
 *   <li><b>Ready means ready.</b> The future of {@link #subscribe} completes only once messages
 *       published afterwards will be delivered to this node.
 *   <li><b>Order.</b> Messages published to one channel by one caller, each after the previous
 *       one's future completed, are delivered in that order. {@link
 *       io.switchboard.core.room.RoomHistory#publish} relies on this for offset order.
 *   <li><b>Delivery.</b> At most once, to every node subscribed at publish time, including the
 *       publishing node. A lost connection to the engine is reported through readiness, not hidden,
 *       and once the channel is subscribed again the listener receives {@link
 *       BusMessage.Interrupted} on it, before any message published afterwards.
 *   <li><b>Listener.</b> One listener per node, set before the first subscribe; it is called with
 *       the channel and the message, possibly on an engine thread, and must not block.
 * </ul>
 */
public interface PubSub {

  /**
   * Sets the node's one listener for every subscribed channel, replacing any previous one.
   *
   * @param listener called with the channel name and the message; must not block or throw (an
   *     exception is logged and the message dropped)
   */
  void listen(BiConsumer<String, BusMessage> listener);

  /**
   * Adds one reference to the node's subscription of {@code channel}.
   *
   * @param channel an exact channel name: a room name, or {@link
   *     io.switchboard.core.room.RoomName#userChannel}
   * @return completes when the node receives the channel's messages; failed, holding no reference,
   *     when the engine cannot subscribe (Redis down: {@link IllegalStateException})
   */
  Future<Void> subscribe(String channel);

  /**
   * Drops one reference; the node stops receiving the channel when the count reaches zero.
   * Unsubscribing a channel with no reference is a no-op.
   *
   * @param channel the channel of an earlier successful {@link #subscribe}
   * @return completes once the reference is dropped; never fails
   */
  Future<Void> unsubscribe(String channel);

  /**
   * Publishes a message to every node subscribed to {@code channel}, this one included.
   *
   * @param channel the exact channel name
   * @param message the message; engines that cross a process boundary encode it themselves
   * @return completes when the engine accepted the message; failed if it is unreachable
   */
  Future<Void> publish(String channel, BusMessage message);

  /**
   * Publishes like {@link #publish} and tells how many nodes were subscribed to {@code channel}
   * when the engine took it: Redis answers {@code PUBLISH} with its number of subscribed
   * connections (one per node), the in-memory engine with 1 or 0. A node whose process died is no
   * longer counted, so a caller that addressed one node's channel learns at once that nobody
   * listens there (the tunnel, SPEC C4, then tries another node instead of waiting for its
   * timeout).
   *
   * @param channel the exact channel name
   * @param message the message
   * @return the number of subscribed nodes, or -1 when the engine cannot tell (this default);
   *     failed if the engine is unreachable
   */
  default Future<Long> publishCounted(String channel, BusMessage message) {
    return publish(channel, message).map(-1L);
  }
}
