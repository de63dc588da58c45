package io.switchboard.core;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.lock.Locks;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.core.pubsub.PubSub;
import io.switchboard.core.room.RoomHistory;
import io.switchboard.core.snapshot.SnapshotStore;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The set of engine ports one node runs on (SPEC "Engines"), chosen by configuration and
 * wired by the app module. {@code history} must fan out through {@code pubSub} (same engine).
 *
 * @param pubSub fan-out between nodes
 * @param history room streams with offsets and epoch
 * @param presence room membership
 * @param snapshots room snapshots
 * @param locks distributed locks
 * @param broker the message broker
 * @param ready reports whether every backing service is reachable ({@code /health/ready})
 * @param close releases connections; completes when closed
 */
public record Engine(
    PubSub pubSub,
    RoomHistory history,
    PresenceStore presence,
    SnapshotStore snapshots,
    Locks locks,
    Broker broker,
    Supplier<Future<Void>> ready,
    Supplier<Future<Void>> close) {

  public Engine {
    Objects.requireNonNull(pubSub, "pubSub");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(locks, "locks");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(close, "close");
  }
}
