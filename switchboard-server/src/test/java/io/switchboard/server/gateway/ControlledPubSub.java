package io.switchboard.server.gateway;

import io.switchboard.core.memory.MemoryPubSub;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.pubsub.PubSub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * Test double: the memory {@link PubSub} (reference counted) with two switches a real engine's
 * connection can flip. {@link #down} makes {@code subscribe} fail at once without taking a
 * reference, as the Redis engine does while its pub/sub connection is lost; {@link #hold} keeps new
 * subscribes pending until {@link #release}, as a slow {@code SUBSCRIBE} confirmation does.
 */
final class ControlledPubSub implements PubSub {
  private final MemoryPubSub delegate = new MemoryPubSub();
  private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();
  private volatile boolean down;
  private volatile boolean holding;

  /** While true, subscribes fail at once and take no reference. */
  void down(boolean value) {
    down = value;
  }

  /** Keeps subscribes pending from now on. */
  void hold() {
    holding = true;
  }

  /** Completes the held subscribes in the order they came, and stops holding. */
  void release() {
    holding = false;
    Runnable r;
    while ((r = held.poll()) != null) {
      r.run();
    }
  }

  /** The node's reference count on {@code channel}. */
  int subscriptions(String channel) {
    return delegate.subscriptions(channel);
  }

  @Override
  public void listen(BiConsumer<String, BusMessage> listener) {
    delegate.listen(listener);
  }

  @Override
  public Future<Void> subscribe(String channel) {
    if (down) {
      return Future.failedFuture(new IllegalStateException("pub/sub connection is down"));
    }
    if (holding) {
      Promise<Void> done = Promise.promise();
      held.add(() -> delegate.subscribe(channel).onComplete(done));
      return done.future();
    }
    return delegate.subscribe(channel);
  }

  @Override
  public Future<Void> unsubscribe(String channel) {
    return delegate.unsubscribe(channel);
  }

  @Override
  public Future<Void> publish(String channel, BusMessage message) {
    return delegate.publish(channel, message);
  }
}
