package io.switchboard.tck.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.limit.RateLimits;
import io.switchboard.core.limit.RateRule;
import io.switchboard.core.memory.MemoryRateLimits;
import io.switchboard.tck.RateLimitsContract;
import org.junit.jupiter.api.Test;

/** Runs {@link RateLimitsContract} on the memory implementation, plus its bound on keys. */
class MemoryRateLimitsTest extends RateLimitsContract {
  @Override
  protected RateLimits newRateLimits() {
    return new MemoryRateLimits();
  }

  @Test
  void holdsAtMostMaxKeysForgettingTheLeastRecentlyUsed() {
    MemoryRateLimits limits = new MemoryRateLimits(System::nanoTime, 3);
    RateRule one = new RateRule(1, 1);
    for (String k : new String[] {"a", "b", "c", "d"}) {
      assertThat(await(limits.take(k, one)).allowed()).isTrue();
    }
    assertThat(limits.size()).isEqualTo(3);
    assertThat(await(limits.take("d", one)).allowed()).as("d is held, and empty").isFalse();
    assertThat(await(limits.take("a", one)).allowed()).as("a was forgotten: full again").isTrue();
  }
}
