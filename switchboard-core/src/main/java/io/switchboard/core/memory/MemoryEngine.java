package io.switchboard.core.memory;

import io.switchboard.core.Ports;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The embedded default (SPEC "Engines": memory is the default, so {@code java -jar} works on a bare
 * machine): every port in this process. Every future the memory ports return is already completed;
 * they need no {@link io.vertx.core.Vertx} and no {@link io.switchboard.core.Engine}. State is lost
 * when the process stops, which the room history reports as a new epoch.
 *
 * <p>The app's wiring builds memory ports one by one where configuration asks for them; these
 * factories build the whole set, for the default node and for tests.
 */
public final class MemoryEngine {
  private MemoryEngine() {}

  /**
   * Every port in memory, on the system clock, with the default stream retention (24 h), at most
   * {@link MemoryRoomHistory#DEFAULT_MAX_STREAMS} room streams and the default broker bounds.
   *
   * @return the ports; no engine, so {@code ready} and {@code close} always succeed
   */
  public static Ports ports() {
    return ports(System::currentTimeMillis, MemoryRoomHistory.DEFAULT_STREAM_RETENTION);
  }

  /**
   * Every port in memory, for tests.
   *
   * @param clock the time in epoch milliseconds, used for publication stamps and every TTL
   * @param streamRetention how long a room stream with no publish is kept before its epoch is lost
   *     (see {@link MemoryRoomHistory}); positive
   * @return the ports; no engine, so {@code ready} and {@code close} always succeed
   */
  public static Ports ports(LongSupplier clock, Duration streamRetention) {
    MemoryPubSub pubSub = new MemoryPubSub();
    return new Ports(
        pubSub,
        new MemoryRoomHistory(pubSub, clock, streamRetention),
        new MemoryPresenceStore(),
        new MemorySnapshotStore(clock),
        new MemoryLocks(clock),
        new MemoryRegistry(clock),
        new MemoryRateLimits(),
        new MemoryBroker(),
        new MemoryStore(clock),
        List.of());
  }
}
