package io.switchboard.core.snapshot;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Engine port: one snapshot per room (SPEC "Engines", snapshots).
 *
 * <p>Contract, checked by {@code SnapshotStoreContract}: {@link #put} replaces the room's snapshot
 * only when the new one's offset is greater than or equal to the stored one's (a late writer never
 * rolls the state back); {@link #get} returns what the last successful put stored, byte for byte,
 * until it expires. Futures may complete on any thread.
 */
public interface SnapshotStore {

  /**
   * Stores a room's snapshot unless a newer one (higher offset) is already stored; an equal offset
   * replaces it.
   *
   * @param room the room name
   * @param snapshot the compressed snapshot
   * @param ttl how long it is kept after this put; positive (otherwise the future fails with {@link
   *     IllegalArgumentException})
   * @return {@code true} if stored, {@code false} if a newer snapshot was kept; failed if the
   *     engine is unreachable
   */
  Future<Boolean> put(String room, Snapshot snapshot, Duration ttl);

  /**
   * The room's snapshot.
   *
   * @param room the room name
   * @return the snapshot, or a future of {@code null} when there is none or it expired; failed if
   *     the engine is unreachable
   */
  Future<Snapshot> get(String room);
}
