package io.switchboard.server.gateway;

import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.pubsub.PubSub;
import io.vertx.core.Future;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Test double: the memory {@link PubSub} with an outage switch. While {@link #drop} is on,
 * publications are accepted but never delivered (what a node misses while its Redis pub/sub
 * connection is down); {@link #restore} ends the outage and, like a real engine that resubscribed,
 * delivers {@link BusMessage.Interrupted} on every subscribed channel.
 */
final class LossyPubSub implements PubSub {
  private final PubSub delegate;
  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private volatile BiConsumer<String, BusMessage> listener;
  private volatile boolean dropping;

  LossyPubSub(PubSub delegate) {
    this.delegate = delegate;
  }

  /** Starts losing every publication. */
  void drop() {
    dropping = true;
  }

  /** Stops losing publications without reporting it (the next publication shows the gap). */
  void heal() {
    dropping = false;
  }

  /** Stops losing publications and reports the interruption on every subscribed channel. */
  void restore() {
    dropping = false;
    subscribed.forEach(ch -> listener.accept(ch, BusMessage.Interrupted.INSTANCE));
  }

  @Override
  public void listen(BiConsumer<String, BusMessage> l) {
    this.listener = l;
    delegate.listen(l);
  }

  @Override
  public Future<Void> subscribe(String channel) {
    subscribed.add(channel);
    return delegate.subscribe(channel);
  }

  @Override
  public Future<Void> unsubscribe(String channel) {
    return delegate.unsubscribe(channel);
  }

  @Override
  public Future<Void> publish(String channel, BusMessage message) {
    if (dropping && message instanceof BusMessage.PublicationMessage) {
      return Future.succeededFuture();
    }
    return delegate.publish(channel, message);
  }
}
