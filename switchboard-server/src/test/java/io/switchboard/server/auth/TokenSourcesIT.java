package io.switchboard.server.auth;

import static io.switchboard.server.auth.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.config.AuthConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * SPEC C1 "Authentication" beyond HS256: RS256 and ES256 tokens verified with a configured PEM
 * public key, and RS256 tokens verified against a JWKS fetched from a URL; a token signed by
 * another key, or not signed at all, is refused in each case. Failed JWKS refreshes are published
 * as {@code switchboard_jwks_refresh_failures} (issue 7 part 2).
 */
class TokenSourcesIT {
  private static final String JWKS_FAILURES = "switchboard_jwks_refresh_failures_total";

  private static TestNode nodeWith(AuthConfig auth) {
    return TestNode.start(c -> c.withAuth(auth));
  }

  private static AuthConfig publicKey(String alg, KeyPair keys) {
    return AuthConfig.DEFAULT.withKeys(alg, "", TestKeys.publicPem(keys), "");
  }

  private static void assertAccepted(TestNode node, String token, String user) {
    try (TestClient c = TestClient.connect(node.vertx, node.port(), "/ws?token=" + token)) {
      assertThat(c.expect("welcome").getJsonObject("data").getString("user")).isEqualTo(user);
    }
  }

  private static void assertRefused(TestNode node, String token) {
    assertThat(
            TestNode.await(
                new TokenVerifierProbe(node)
                    .verify(token)
                    .map(p -> "accepted")
                    .otherwise(e -> e.getMessage())))
        .isEqualTo("invalid token");
  }

  /** Verifies tokens with the node's own configuration, without a socket. */
  private record TokenVerifierProbe(TestNode node) {
    io.vertx.core.Future<Principal> verify(String token) {
      return TokenVerifier.create(node.vertx, node.config.auth()).compose(v -> v.verify(token));
    }
  }

  @Test
  void rs256WithAPemPublicKey() {
    KeyPair keys = TestKeys.rsa();
    try (TestNode node = nodeWith(publicKey("RS256", keys))) {
      assertAccepted(node, sign(node.vertx, "RS256", keys, null, "rsa-user"), "rsa-user");
      assertRefused(node, sign(node.vertx, "RS256", TestKeys.rsa(), null, "mallory"));
      assertRefused(node, TestKeys.unsigned("mallory"));
    }
  }

  @Test
  void es256WithAPemPublicKey() {
    KeyPair keys = TestKeys.ec();
    try (TestNode node = nodeWith(publicKey("ES256", keys))) {
      assertAccepted(node, sign(node.vertx, "ES256", keys, null, "ec-user"), "ec-user");
      assertRefused(node, sign(node.vertx, "ES256", TestKeys.ec(), null, "mallory"));
      assertRefused(node, TestKeys.unsigned("mallory"));
    }
  }

  @Test
  void rs256AgainstAJwksUrl() {
    KeyPair keys = TestKeys.rsa();
    Vertx jwksHost = Vertx.vertx();
    try (JwksServer jwks = new JwksServer(jwksHost).serve(TestKeys.jwk(keys, "k1", "RS256"));
        TestNode node =
            nodeWith(
                AuthConfig.DEFAULT
                    .withKeys("RS256", "", "", jwks.url())
                    .withJwksFetch(
                        Duration.ofMillis(200),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        true))) {
      assertAccepted(node, sign(node.vertx, "RS256", keys, "k1", "jwks-user"), "jwks-user");
      assertRefused(node, sign(node.vertx, "RS256", TestKeys.rsa(), "k1", "mallory"));
      assertRefused(node, TestKeys.unsigned("mallory"));
      assertThat(node.metric(JWKS_FAILURES)).isZero();
      // the identity provider answers a key set without signing keys: kept out, counted, published
      jwks.serveRaw("{\"keys\":[]}");
      await().atMost(Duration.ofSeconds(5)).until(() -> node.metric(JWKS_FAILURES) >= 1);
      assertAccepted(node, sign(node.vertx, "RS256", keys, "k1", "jwks-user"), "jwks-user");
    } finally {
      TestNode.await(jwksHost.close());
    }
  }
}
