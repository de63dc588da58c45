package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.lock.Lock;
import io.switchboard.core.lock.Locks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Locks} (see its Javadoc): at most one holder per name, expiry after the TTL,
 * release only with the current holding's token.
 */
public abstract class LocksContract extends PortContract {
  /**
   * A fresh, ready lock service for one test, asked for before each test ({@code @BeforeEach}) on
   * the test thread; may block until connected. Register what closes it with {@link
   * #closeAfterTest}.
   *
   * @return the port under test
   */
  protected abstract Locks newLocks();

  private static final Duration LONG = Duration.ofMinutes(5);

  private Locks locks;
  private String name;

  @BeforeEach
  void pickName() {
    locks = newLocks();
    name = unique("lock:test:");
  }

  @Test
  void isExclusiveUntilReleased() {
    Lock held = await(locks.tryAcquire(name, LONG));
    assertThat(held).isNotNull();
    assertThat(held.name()).isEqualTo(name);
    assertThat(await(locks.tryAcquire(name, LONG))).isNull();
    assertThat(await(locks.release(held))).isTrue();
    assertThat(await(locks.tryAcquire(name, LONG))).isNotNull();
  }

  @Test
  void namesAreIndependentAndTokensUnique() {
    Lock a = await(locks.tryAcquire(name, LONG));
    Lock b = await(locks.tryAcquire(unique("lock:test:"), LONG));
    assertThat(b).isNotNull();
    assertThat(b.token()).isNotEqualTo(a.token());
    await(locks.release(a));
    Lock again = await(locks.tryAcquire(name, LONG));
    assertThat(again.token()).isNotEqualTo(a.token());
  }

  @Test
  void expiresAfterItsTtl() {
    Lock held = await(locks.tryAcquire(name, Duration.ofMillis(200)));
    assertThat(held).isNotNull();
    Awaitility.await().atMost(PATIENCE).until(() -> await(locks.tryAcquire(name, LONG)) != null);
    assertThat(await(locks.release(held))).as("expired holding cannot release").isFalse();
  }

  @Test
  void releaseNeedsTheCurrentHoldingsToken() {
    Lock held = await(locks.tryAcquire(name, LONG));
    assertThat(await(locks.release(new Lock(name, "not-the-token")))).isFalse();
    assertThat(await(locks.tryAcquire(name, LONG))).as("still held").isNull();
    assertThat(await(locks.release(held))).isTrue();
    assertThat(await(locks.release(held))).as("second release").isFalse();
  }

  @Test
  void aStaleHolderCannotReleaseTheNextHolding() {
    Lock stale = await(locks.tryAcquire(name, Duration.ofMillis(200)));
    Lock[] next = new Lock[1];
    Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> (next[0] = await(locks.tryAcquire(name, LONG))) != null);
    assertThat(await(locks.release(stale))).isFalse();
    assertThat(await(locks.tryAcquire(name, LONG))).isNull();
    assertThat(await(locks.release(next[0]))).isTrue();
  }

  @Test
  void concurrentAcquirersGetOneLock() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Lock>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        attempts.add(pool.submit(() -> await(locks.tryAcquire(name, LONG))));
      }
      List<Lock> got = new ArrayList<>();
      for (Future<Lock> a : attempts) {
        got.add(a.get());
      }
      assertThat(got.stream().filter(Objects::nonNull)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
