package io.switchboard.workers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToItsMaximum() {
    Backoff b = Backoff.DEFAULT;
    assertThat(b.delayMs(1)).isEqualTo(100);
    assertThat(b.delayMs(2)).isEqualTo(200);
    assertThat(b.delayMs(6)).isEqualTo(3200);
    assertThat(b.delayMs(7)).isEqualTo(5000);
    assertThat(b.delayMs(1000)).isEqualTo(5000);
  }

  @Test
  void refusesUnusableBounds() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
