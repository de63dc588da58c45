package io.switchboard.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void ceilingDoublesFromInitialUpToMax() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), bound -> bound);
    long[] expected = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
    for (long e : expected) {
      assertThat(b.nextMillis()).isEqualTo(e);
    }
    for (int i = 0; i < 100; i++) {
      assertThat(b.nextMillis()).isEqualTo(30000);
    }
    b.reset();
    assertThat(b.nextMillis()).isEqualTo(500);
  }

  @Test
  void fullJitterStaysWithinZeroAndTheCeiling() {
    Backoff b = Backoff.jittered(Duration.ofMillis(500), Duration.ofSeconds(30));
    boolean belowCeiling = false;
    for (int i = 0; i < 200; i++) {
      long ceiling = b.ceilingMillis();
      long d = b.nextMillis();
      assertThat(d).isBetween(0L, ceiling);
      assertThat(ceiling).isBetween(500L, 30000L);
      belowCeiling |= d < ceiling;
    }
    assertThat(belowCeiling).isTrue();
  }

  @Test
  void aRandomSourceOutOfBoundsIsClamped() {
    assertThat(new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), x -> -5).nextMillis())
        .isZero();
    assertThat(new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), x -> 99).nextMillis())
        .isEqualTo(10);
  }

  @Test
  void refusesBadBounds() {
    assertThatThrownBy(() -> Backoff.jittered(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.jittered(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
