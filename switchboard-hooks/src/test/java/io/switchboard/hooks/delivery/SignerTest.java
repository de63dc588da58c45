package io.switchboard.hooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The signature scheme of docs/hooks.md and the retry rules, checked against fixed values. */
class SignerTest {

  @Test
  void theSignatureIsHexHmacSha256OfTimestampDotBody() {
    // the same value as the docs' Python example: hmac.new(b"whsec_test", b"1700000000.{}", sha256)
    assertThat(Signer.sign("whsec_test", 1_700_000_000L, "{}"))
        .isEqualTo("v1=" + hmac("whsec_test", "1700000000.{}"));
    assertThat(Signer.sign("whsec_test", 1_700_000_001L, "{}"))
        .isNotEqualTo(Signer.sign("whsec_test", 1_700_000_000L, "{}"));
  }

  @Test
  void retryableAnswersAreNetworkErrors5xx408And429() {
    assertThat(Answer.failed("refused").retryable()).isTrue();
    assertThat(new Answer(500, "HTTP 500").retryable()).isTrue();
    assertThat(new Answer(503, "HTTP 503").retryable()).isTrue();
    assertThat(new Answer(408, "HTTP 408").retryable()).isTrue();
    assertThat(new Answer(429, "HTTP 429").retryable()).isTrue();
    assertThat(new Answer(400, "HTTP 400").retryable()).isFalse();
    assertThat(new Answer(404, "HTTP 404").retryable()).isFalse();
    assertThat(new Answer(301, "HTTP 301").retryable()).isFalse();
    assertThat(new Answer(204, null).delivered()).isTrue();
  }

  @Test
  void retryAfterIsReadInSecondsAndCapped() {
    assertThat(Answer.retryAfter("3")).isEqualTo(3000);
    assertThat(Answer.retryAfter(" 7 ")).isEqualTo(7000);
    assertThat(Answer.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isZero();
    assertThat(Answer.retryAfter(null)).isZero();
    assertThat(Answer.retryAfter("-5")).isZero();
    assertThat(Answer.retryAfter("999999")).isEqualTo(Answer.MAX_RETRY_AFTER_MILLIS);
    assertThat(new Answer(500, "x").retryAfterMillis()).isZero();
  }

  @Test
  void backoffDoublesWithJitterUpToTheCap() {
    Duration initial = Duration.ofMillis(100);
    Duration max = Duration.ofMillis(1000);
    for (int i = 0; i < 200; i++) {
      assertThat(Backoff.millis(1, initial, max)).isBetween(50L, 150L);
      assertThat(Backoff.millis(3, initial, max)).isBetween(200L, 600L);
      assertThat(Backoff.millis(30, initial, max)).isBetween(500L, 1500L);
    }
  }

  private static String hmac(String key, String text) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of()
          .formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
