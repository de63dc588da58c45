package io.switchboard.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void aKeyHasItsCapacityPerMinuteAndRefillsContinuously() {
    TokenBuckets b = new TokenBuckets(5, now::get);
    for (int i = 0; i < 5; i++) {
      assertThat(b.take("a")).isZero();
    }
    assertThat(b.take("a")).isEqualTo(12); // one token every 12 s
    assertThat(b.take("b")).isZero(); // another key has its own
    now.addAndGet(11_000_000_000L);
    assertThat(b.take("a")).isEqualTo(1);
    now.addAndGet(1_000_000_000L);
    assertThat(b.take("a")).isZero();
    assertThat(b.take("a")).isEqualTo(12);
  }

  @Test
  void aRefundGivesTheTokenBack() {
    TokenBuckets b = new TokenBuckets(1, now::get);
    assertThat(b.take("a")).isZero();
    b.refund("a");
    assertThat(b.take("a")).isZero();
    assertThat(b.take("a")).isEqualTo(60);
    b.refund("unknown"); // nothing
  }

  @Test
  void theLimiterTakesFromTheIpAndTheAccount() {
    LoginLimiter l = new LoginLimiter(2, 3);
    assertThat(l.attempt("A@x.io", "1.2.3.4")).isZero();
    assertThat(l.attempt("a@X.io", "1.2.3.4")).isZero();
    assertThat(l.attempt("a@x.io", "1.2.3.4")).isPositive(); // the account is spent (any case)
    assertThat(l.attempt("b@x.io", "1.2.3.4")).isZero(); // the IP's third
    assertThat(l.attempt("c@x.io", "1.2.3.4")).isPositive(); // the IP is spent
    l.succeeded("b@x.io", "1.2.3.4");
    assertThat(l.attempt("c@x.io", "1.2.3.4")).isZero();
  }
}
