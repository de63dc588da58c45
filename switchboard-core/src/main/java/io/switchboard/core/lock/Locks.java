package io.switchboard.core.lock;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Engine port: distributed locks with expiry (SPEC "Engines", locks; Redis {@code SET NX PX}
 * with a token, released by compare-and-delete; seed 000 released its lock before use).
 *
 * <p>Contract, checked by {@code LocksContract}: at most one holder per name at a time; a lock
 * that is not released expires after its TTL; release succeeds only with the token of the
 * current holding.
 */
public interface Locks {

  /**
   * Tries once to take the lock.
   *
   * @param ttl how long the lock is held unless released first
   * @return the lock, or a future of {@code null} if someone else holds it
   */
  Future<Lock> tryAcquire(String name, Duration ttl);

  /**
   * Releases a lock if {@code lock} is still the current holding.
   *
   * @return {@code true} if released, {@code false} if it had expired or been taken by another
   */
  Future<Boolean> release(Lock lock);
}
