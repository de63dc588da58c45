package io.switchboard.core.lock;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Engine port: distributed locks with expiry (SPEC "Engines", locks; Redis {@code SET NX PX} with a
 * token, released by compare-and-delete; seed 000 released its lock before use).
 *
 * <p>Contract, checked by {@code LocksContract}: at most one holder per name at a time; a lock that
 * is not released expires after its TTL; release succeeds only with the token of the current
 * holding.
 */
public interface Locks {

  /**
   * Tries once to take the lock; never waits for the holder.
   *
   * @param name the lock's name, any text (e.g. {@code lock:<project>:<id>})
   * @param ttl how long the lock is held unless released first; positive (otherwise the future
   *     fails with {@link IllegalArgumentException})
   * @return the lock, or a future of {@code null} if someone else holds it; failed if the engine is
   *     unreachable
   */
  Future<Lock> tryAcquire(String name, Duration ttl);

  /**
   * Releases a lock if {@code lock} is still the current holding (compare and delete by token).
   *
   * @param lock what {@link #tryAcquire} returned
   * @return {@code true} if released, {@code false} if it had expired or been taken by another;
   *     failed if the engine is unreachable
   */
  Future<Boolean> release(Lock lock);
}
