package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.limit.RateDecision;
import io.switchboard.core.limit.RateLimits;
import io.switchboard.core.limit.RateRule;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link RateLimits} (see its Javadoc): a fresh bucket passes its burst and refuses the
 * next request with a wait, tokens come back at the rate, keys are independent.
 */
public abstract class RateLimitsContract extends PortContract {
  /**
   * A fresh, ready port for one test, asked for before each test on the test thread; may block
   * until connected. Register what closes it with {@link #closeAfterTest}.
   *
   * @return the port under test
   */
  protected abstract RateLimits newRateLimits();

  private RateLimits limits;
  private String key;

  @BeforeEach
  void pickKey() {
    limits = newRateLimits();
    key = unique("rate:test:");
  }

  @Test
  void aFreshBucketPassesItsBurstThenRefusesWithAWait() {
    RateRule rule = new RateRule(1, 10);
    for (int i = 0; i < 10; i++) {
      RateDecision d = await(limits.take(key, rule));
      assertThat(d.allowed()).as("request %d of the burst", i + 1).isTrue();
      assertThat(d.remaining()).isEqualTo(9 - i);
    }
    RateDecision refused = await(limits.take(key, rule));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterMillis()).isBetween(1L, 1000L);
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void tokensComeBackAtTheRate() {
    RateRule rule = new RateRule(20, 2);
    assertThat(await(limits.take(key, rule)).allowed()).isTrue();
    assertThat(await(limits.take(key, rule)).allowed()).isTrue();
    RateDecision refused = await(limits.take(key, rule));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterMillis()).isBetween(1L, 50L);
    Awaitility.await().atMost(PATIENCE).until(() -> await(limits.take(key, rule)).allowed());
  }

  @Test
  void keysAreIndependent() {
    RateRule rule = new RateRule(1, 1);
    assertThat(await(limits.take(key + ":a", rule)).allowed()).isTrue();
    assertThat(await(limits.take(key + ":a", rule)).allowed()).isFalse();
    assertThat(await(limits.take(key + ":b", rule)).allowed()).isTrue();
  }
}
