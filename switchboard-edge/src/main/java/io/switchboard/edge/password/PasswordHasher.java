package io.switchboard.edge.password;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id password hashes (SPEC C5 "passwords hashed with a memory-hard hash"; issue 11 point 1)
 * through password4j, in the PHC string form {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$
 * <salt>$<hash>} with a random 16-byte salt and a 32-byte output. Hashing runs on Vert.x worker
 * threads (it takes tens of milliseconds and {@code memoryKib} of memory), never on an event loop.
 */
public final class PasswordHasher {
  private static final int OUTPUT_BYTES = 32;

  private final Vertx vertx;
  private final Argon2Function function;
  private volatile String dummyHash;

  /**
   * @param memoryKib {@code edge.argon2MemoryKib}, at least 8 × parallelism
   * @param iterations {@code edge.argon2Iterations}, 1 or more
   * @param parallelism {@code edge.argon2Parallelism}, 1 or more
   */
  public PasswordHasher(Vertx vertx, int memoryKib, int iterations, int parallelism) {
    this.vertx = vertx;
    this.function =
        Argon2Function.getInstance(memoryKib, iterations, parallelism, OUTPUT_BYTES, Argon2.ID);
  }

  /**
   * @return the PHC string of {@code password} with the configured parameters
   */
  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> Password.hash(password).with(function).getResult(), false);
  }

  /**
   * Checks {@code password} against {@code hash} with the parameters written in {@code hash}; a
   * {@code null} hash (unknown account) is checked against a dummy hash of the configured cost, so
   * an unknown email takes as long as a wrong password, and is never a match.
   *
   * @return whether it matches; a malformed hash is no match
   */
  public Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(
        () -> {
          if (hash == null) {
            Password.check(password, dummy()).with(function);
            return false;
          }
          try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
          } catch (RuntimeException e) {
            return false;
          }
        },
        false);
  }

  private String dummy() {
    String d = dummyHash;
    if (d == null) {
      d = Password.hash("switchboard-dummy-Passw0rd!").with(function).getResult();
      dummyHash = d;
    }
    return d;
  }

  /**
   * Whether {@code hash} was made with other parameters than the configured ones (or another
   * variant): the login that verified it then stores a new hash.
   */
  public boolean needsRehash(String hash) {
    try {
      Argon2Function f = Argon2Function.getInstanceFromHash(hash);
      return f.getVariant() != Argon2.ID
          || f.getMemory() != function.getMemory()
          || f.getIterations() != function.getIterations()
          || f.getParallelism() != function.getParallelism()
          || f.getOutputLength() != OUTPUT_BYTES;
    } catch (RuntimeException e) {
      return true;
    }
  }
}
