package io.switchboard.edge.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void eachRuleIsNamed() {
    assertThat(PasswordPolicy.violation(null)).contains("at least 8");
    assertThat(PasswordPolicy.violation("Ab1!")).contains("at least 8");
    assertThat(PasswordPolicy.violation("Ab1!".repeat(65))).contains("at most 256");
    assertThat(PasswordPolicy.violation("abcdefg1!")).contains("upper-case");
    assertThat(PasswordPolicy.violation("ABCDEFG1!")).contains("lower-case");
    assertThat(PasswordPolicy.violation("Abcdefgh!")).contains("digit");
    assertThat(PasswordPolicy.violation("Abcdefgh1")).contains("special");
    assertThat(PasswordPolicy.violation("Abcdefg 1")).isNull();
    assertThat(PasswordPolicy.violation("Corr3ct-Horse")).isNull();
  }

  @Test
  void hashesVerifyAndAreRehashedWhenTheParametersChange() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PasswordHasher cheap = new PasswordHasher(vertx, 64, 1, 1);
      PasswordHasher dearer = new PasswordHasher(vertx, 128, 2, 1);
      String hash =
          cheap
              .hash("Corr3ct-Horse")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
      String[] parts = hash.split("\\$");
      assertThat(java.util.Base64.getDecoder().decode(pad(parts[4]))).hasSize(16); // the salt
      assertThat(java.util.Base64.getDecoder().decode(pad(parts[5]))).hasSize(32); // the hash
      assertThat(get(dearer.verify("Corr3ct-Horse", hash))).isTrue();
      assertThat(get(dearer.verify("Wrong-H0rse", hash))).isFalse();
      assertThat(get(dearer.verify("Corr3ct-Horse", null))).isFalse();
      assertThat(get(dearer.verify("Corr3ct-Horse", "not a hash"))).isFalse();
      assertThat(cheap.needsRehash(hash)).isFalse();
      assertThat(dearer.needsRehash(hash)).isTrue();
      assertThat(dearer.needsRehash("garbage")).isTrue();
    } finally {
      vertx.close();
    }
  }

  private static String pad(String b64) {
    return b64 + "=".repeat((4 - b64.length() % 4) % 4);
  }

  private static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
