package io.switchboard.core;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.limit.RateLimits;
import io.switchboard.core.lock.Locks;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.core.pubsub.PubSub;
import io.switchboard.core.registry.Registry;
import io.switchboard.core.room.RoomHistory;
import io.switchboard.core.snapshot.SnapshotStore;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;

/**
 * The engine ports one node runs on (SPEC "Engines"), each chosen on its own by the app's wiring
 * from configuration, plus the {@link Engine}s that back them. {@code history} fans out through
 * {@code pubSub}, so those two always come from the same engine.
 *
 * @param pubSub fan-out between nodes; its one listener is the gateway's
 * @param history room streams with offsets and epoch, fanning out through {@code pubSub}
 * @param presence room membership, cluster-wide
 * @param snapshots one compressed snapshot per room
 * @param locks distributed locks with expiry
 * @param registry members under a key with expiry (the tunnel's controllers, SPEC C4)
 * @param rateLimits token buckets shared by the nodes on the engine (HTTP rate limits, SPEC C5)
 * @param broker the message broker (event buffer destination, backend deliveries)
 * @param store events, documents and the outbox (issue 8)
 * @param engines the running engines behind these ports (empty for the memory ports), checked by
 *     {@link #ready()} and closed by {@link #close()}
 */
public record Ports(
    PubSub pubSub,
    RoomHistory history,
    PresenceStore presence,
    SnapshotStore snapshots,
    Locks locks,
    Registry registry,
    RateLimits rateLimits,
    Broker broker,
    Store store,
    List<Engine> engines) {

  /**
   * Checks that every port is set and copies {@code engines}.
   *
   * @throws NullPointerException if a port or {@code engines} (or one of its elements) is null
   */
  public Ports {
    Objects.requireNonNull(pubSub, "pubSub");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(locks, "locks");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(store, "store");
    engines = List.copyOf(engines);
  }

  /**
   * Readiness of every engine ({@code /health/ready}), asked of all at once.
   *
   * @return succeeds when all are ready (at once with no engine); fails with the first failure
   *     otherwise
   */
  public Future<Void> ready() {
    return Future.all(engines.stream().map(Engine::ready).toList()).mapEmpty();
  }

  /**
   * Closes every engine, in parallel; the ports must not be used afterwards. The memory ports hold
   * nothing to close.
   *
   * @return completes when every close completed; never fails
   */
  public Future<Void> close() {
    return Future.join(engines.stream().map(e -> e.close().otherwiseEmpty()).toList())
        .otherwiseEmpty()
        .mapEmpty();
  }
}
