package io.switchboard.core.memory;

import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.pubsub.PubSub;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-memory {@link PubSub} for a single node (SPEC "Engines", memory is the embedded default): the
 * "cluster" is this process, so a channel's subscribers are this node's listener.
 *
 * <p><b>Synchronous delivery.</b> {@link #publish} calls the listener on the caller's thread,
 * before it returns, and returns an already-completed future; messages of one channel published one
 * after the other are therefore delivered in that order. No lock of this class is held while the
 * listener runs, but {@link MemoryRoomHistory} calls {@link #publish} while holding its per-room
 * lock (that is what makes delivery order equal offset order), so the listener must not call back
 * into the engine synchronously: it should hand the message to its own event loop (e.g. {@code
 * context.runOnContext}) and return. A listener that throws is logged; the publish still succeeds
 * (at-most-once delivery).
 *
 * <p>Subscriptions are reference counted per channel; the map holds only channels with a positive
 * count. Thread-safe.
 */
public final class MemoryPubSub implements PubSub {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryPubSub.class);

  private final Map<String, Integer> refs = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, BusMessage> listener;

  /** Creates a pub/sub with no listener and no subscriptions. */
  public MemoryPubSub() {}

  /** {@inheritDoc} Replaces any previous listener. */
  @Override
  public void listen(BiConsumer<String, BusMessage> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** {@inheritDoc} Always an already-succeeded future: delivery starts immediately. */
  @Override
  public Future<Void> subscribe(String channel) {
    Objects.requireNonNull(channel, "channel");
    refs.merge(channel, 1, Integer::sum);
    return Future.succeededFuture();
  }

  /** {@inheritDoc} Always an already-succeeded future. */
  @Override
  public Future<Void> unsubscribe(String channel) {
    Objects.requireNonNull(channel, "channel");
    refs.computeIfPresent(channel, (c, n) -> n > 1 ? n - 1 : null);
    return Future.succeededFuture();
  }

  /**
   * {@inheritDoc} Delivers synchronously to the listener (see the class comment) when the channel
   * has at least one subscription, then returns an already-succeeded future.
   */
  @Override
  public Future<Void> publish(String channel, BusMessage message) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(message, "message");
    BiConsumer<String, BusMessage> l = listener;
    if (l != null && refs.containsKey(channel)) {
      try {
        l.accept(channel, message);
      } catch (RuntimeException e) {
        LOG.warn("pub/sub listener failed on channel {}", channel, e);
      }
    }
    return Future.succeededFuture();
  }

  /** {@inheritDoc} 1 when this node holds a reference on {@code channel}, else 0. */
  @Override
  public Future<Long> publishCounted(String channel, BusMessage message) {
    boolean subscribed = refs.containsKey(channel);
    return publish(channel, message).map(subscribed ? 1L : 0L);
  }

  /** The number of references held on {@code channel}, 0 when not subscribed (for tests). */
  public int subscriptions(String channel) {
    return refs.getOrDefault(channel, 0);
  }
}
