package io.switchboard.core.memory;

import io.switchboard.core.Engine;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The embedded engine (SPEC "Engines": memory is the default, so {@code java -jar} works on a
 * bare machine). Every port lives in this process and every future it returns is already
 * completed; it needs no {@link io.vertx.core.Vertx}. State is lost when the process stops,
 * which the room history reports as a new epoch.
 */
public final class MemoryEngine {
  private MemoryEngine() {}

  /** A memory engine on the system clock with the default stream retention (24 h). */
  public static Engine create() {
    return create(System::currentTimeMillis, MemoryRoomHistory.DEFAULT_STREAM_RETENTION);
  }

  /**
   * A memory engine for tests.
   *
   * @param clock the time in epoch milliseconds, used for publication stamps and every TTL
   * @param streamRetention how long a room stream with no publish is kept before its epoch is
   *     lost (see {@link MemoryRoomHistory}); positive
   * @return the engine; {@code ready} and {@code close} always succeed
   */
  public static Engine create(LongSupplier clock, Duration streamRetention) {
    MemoryPubSub pubSub = new MemoryPubSub();
    return new Engine(
        pubSub,
        new MemoryRoomHistory(pubSub, clock, streamRetention),
        new MemoryPresenceStore(),
        new MemorySnapshotStore(clock),
        new MemoryLocks(clock),
        new MemoryBroker(),
        Future::succeededFuture,
        Future::succeededFuture);
  }
}
