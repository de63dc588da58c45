package io.switchboard.server.gateway;

import io.switchboard.core.Ports;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.pubsub.PubSub;
import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.room.RoomHistory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.BiConsumer;

/**
 * Test double: the memory ports, where room publishes ({@link #publishes}) or subscriptions to user
 * channels ({@link #welcomes}) wait until {@link #release} (a slow engine): publishes pile up
 * behind each other, or connections stay before {@code welcome}, their frames waiting in the early
 * buffer.
 */
final class HeldPorts {
  private final Promise<Void> gate = Promise.promise();
  private final boolean holdPublishes;
  private final boolean holdWelcomes;
  final Ports ports;

  /** Publishes wait. */
  static HeldPorts publishes() {
    return new HeldPorts(true, false);
  }

  /** Authenticated connections wait before {@code welcome}. */
  static HeldPorts welcomes() {
    return new HeldPorts(false, true);
  }

  private HeldPorts(boolean holdPublishes, boolean holdWelcomes) {
    this.holdPublishes = holdPublishes;
    this.holdWelcomes = holdWelcomes;
    Ports memory = MemoryEngine.ports();
    RoomHistory history = memory.history();
    PubSub pubSub = memory.pubSub();
    this.ports =
        new Ports(
            new HeldPubSub(pubSub),
            new HeldHistory(history),
            memory.presence(),
            memory.snapshots(),
            memory.locks(),
            memory.registry(),
            memory.rateLimits(),
            memory.broker(),
            memory.store(),
            memory.engines());
  }

  /** Lets everything held (and everything after) through. */
  void release() {
    gate.tryComplete();
  }

  private final class HeldHistory implements RoomHistory {
    private final RoomHistory delegate;

    HeldHistory(RoomHistory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Future<Publication> publish(
        String room, PublicationDraft draft, HistoryOptions options) {
      return holdPublishes
          ? gate.future().compose(v -> delegate.publish(room, draft, options))
          : delegate.publish(room, draft, options);
    }

    @Override
    public Future<HistoryPage> read(String room, long afterOffset) {
      return delegate.read(room, afterOffset);
    }
  }

  private final class HeldPubSub implements PubSub {
    private final PubSub delegate;

    HeldPubSub(PubSub delegate) {
      this.delegate = delegate;
    }

    @Override
    public void listen(BiConsumer<String, BusMessage> listener) {
      delegate.listen(listener);
    }

    @Override
    public Future<Void> subscribe(String channel) {
      return holdWelcomes && channel.startsWith("user:")
          ? gate.future().compose(v -> delegate.subscribe(channel))
          : delegate.subscribe(channel);
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
}
