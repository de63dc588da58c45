package io.switchboard.core.snapshot;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Engine port: one snapshot per room (SPEC "Engines", snapshots).
 *
 * <p>Contract, checked by {@code SnapshotStoreContract}: {@link #put} replaces the room's
 * snapshot only when the new one's offset is greater than or equal to the stored one's (a late
 * writer never rolls the state back); {@link #get} returns what the last successful put stored,
 * byte for byte, until it expires.
 */
public interface SnapshotStore {

  /**
   * Stores a room's snapshot unless a newer one (higher offset) is already stored.
   *
   * @param ttl how long it is kept after this put
   * @return {@code true} if stored, {@code false} if a newer snapshot was kept
   */
  Future<Boolean> put(String room, Snapshot snapshot, Duration ttl);

  /** The room's snapshot, or a future of {@code null} when there is none. */
  Future<Snapshot> get(String room);
}
