package io.switchboard.core.lock;

import java.util.Objects;

/**
 * A held lock: the name and the random token proving ownership (released by compare and delete, so
 * a holder whose lock expired cannot release someone else's).
 *
 * @param name the lock's name, e.g. {@code lock:<project>:<id>} (SPEC C4)
 * @param token a random token unique to this acquisition (a UUID in both engines)
 */
public record Lock(String name, String token) {
  /**
   * @throws NullPointerException if {@code name} or {@code token} is null
   */
  public Lock {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(token, "token");
  }
}
