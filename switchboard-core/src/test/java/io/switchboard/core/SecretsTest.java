package io.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 7: URL passwords never reach logs or messages, in the user info or the query. */
class SecretsTest {
  @Test
  void masksThePasswordInTheUserInfo() {
    assertThat(Secrets.mask("redis://:s3cret@redis.example:6379/0"))
        .isEqualTo("redis://:***@redis.example:6379/0");
    assertThat(Secrets.mask("amqp://app:s3cret@rabbit:5672/vhost"))
        .isEqualTo("amqp://app:***@rabbit:5672/vhost");
  }

  @Test
  void masksSecretQueryParametersWhateverTheirPosition() {
    assertThat(Secrets.mask("redis://redis.example:6379?password=s3cret"))
        .isEqualTo("redis://redis.example:6379?password=***");
    assertThat(Secrets.mask("redis://h:6379/0?db=1&Password=s3cret&x=1"))
        .isEqualTo("redis://h:6379/0?db=1&Password=***&x=1");
    assertThat(Secrets.mask("postgres://h/db?sslmode=require&token=abc")).doesNotContain("abc");
  }

  @Test
  void masksUrlsInsideLongerText() {
    String message = "Redis unreachable at redis://user:pw1@a:1 and redis://b:2?pass=pw2: refused";
    assertThat(Secrets.mask(message))
        .doesNotContain("pw1")
        .doesNotContain("pw2")
        .contains("redis://user:***@a:1")
        .contains("redis://b:2?pass=***");
  }

  @Test
  void leavesTextWithoutSecretsAlone() {
    assertThat(Secrets.mask("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
    assertThat(Secrets.mask("https://keys.example/jwks.json?keyset=1"))
        .isEqualTo("https://keys.example/jwks.json?keyset=1");
    assertThat(Secrets.mask(null)).isNull();
  }
}
