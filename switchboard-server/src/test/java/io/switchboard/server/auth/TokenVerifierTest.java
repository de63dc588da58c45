package io.switchboard.server.auth;

import static io.switchboard.server.auth.TestKeys.jwk;
import static io.switchboard.server.auth.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.config.AuthConfig;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenVerifier} against a local JWKS server (issue 7 part 2, point 1): a key set without a
 * usable signing key is never accepted, an unsigned or wrongly-signed token never passes, refresh
 * failures and timeouts are counted, an unknown {@code kid} refetches at most once per interval,
 * and plain-http JWKS URLs need {@code auth.jwksAllowHttp}.
 */
class TokenVerifierTest {
  private static final KeyPair K1 = TestKeys.rsa();
  private static final KeyPair K2 = TestKeys.rsa();
  private Vertx vertx;
  private JwksServer jwks;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    jwks = new JwksServer(vertx);
  }

  @AfterEach
  void stop() {
    jwks.close();
    TestNode.await(vertx.close());
  }

  private AuthConfig jwksConfig(Duration refresh, Duration timeout) {
    return AuthConfig.DEFAULT
        .withKeys("RS256", "", "", jwks.url())
        .withJwksFetch(refresh, timeout, Duration.ofSeconds(30), true);
  }

  private AuthConfig jwksConfig() {
    return jwksConfig(Duration.ofHours(1), Duration.ofSeconds(5));
  }

  /** The failure of creating a verifier, or an assertion error when it starts. */
  private String startFailure(AuthConfig config) {
    return TestNode.await(
        TokenVerifier.create(vertx, config)
            .map(v -> "started")
            .otherwise(e -> "failed: " + e.getMessage()));
  }

  private static String outcome(TokenVerifier v, String token) {
    return TestNode.await(
        v.verify(token).map(p -> "accepted " + p.user()).otherwise(Throwable::getMessage));
  }

  private static void assertUnsignedRefused(TokenVerifier v) {
    String token = TestKeys.unsigned("mallory");
    assertThat(outcome(v, token)).doesNotStartWith("accepted");
    // the same without the trailing dot (two segments)
    assertThat(outcome(v, token.substring(0, token.length() - 1))).doesNotStartWith("accepted");
  }

  @Test
  void anEmptyKeySetFailsTheStart() {
    jwks.serveRaw("{\"keys\":[]}");
    assertThat(startFailure(jwksConfig()))
        .startsWith("failed: ")
        .contains("no usable signing key for RS256");
  }

  @Test
  void aKeySetWithOnlyEncryptionKeysFailsTheStart() {
    jwks.serve(jwk(K1, "k1", "RS256").put("use", "enc"));
    assertThat(startFailure(jwksConfig()))
        .startsWith("failed: ")
        .contains("no usable signing key for RS256");
  }

  @Test
  void aKeySetWithAnUnknownKeyTypeFailsTheStart() {
    jwks.serve(
        new JsonObject().put("kty", "XYZ").put("kid", "k1").put("use", "sig").put("x", "AQAB"));
    assertThat(startFailure(jwksConfig()))
        .startsWith("failed: ")
        .contains("no usable signing key for RS256");
  }

  @Test
  void aKeySetWhoseKeysAreForAnotherAlgorithmFailsTheStart() {
    jwks.serve(jwk(K1, "k1", "RS512"), jwk(TestKeys.ec(), "k2", "ES256"));
    assertThat(startFailure(jwksConfig()))
        .startsWith("failed: ")
        .contains("no usable signing key for RS256");
  }

  @Test
  void unsignedTokensAreRefusedInEveryConfiguration() {
    assertUnsignedRefused(
        TestNode.await(TokenVerifier.create(vertx, AuthConfig.hmac(TestNode.SECRET))));
    assertUnsignedRefused(
        TestNode.await(
            TokenVerifier.create(
                vertx, AuthConfig.DEFAULT.withKeys("RS256", "", TestKeys.publicPem(K1), ""))));
    assertUnsignedRefused(
        TestNode.await(TokenVerifier.create(vertx, AuthConfig.DEFAULT.withAnonymous(true))));
    jwks.serve(jwk(K1, "k1", "RS256"));
    TokenVerifier v = TestNode.await(TokenVerifier.create(vertx, jwksConfig()));
    assertUnsignedRefused(v);
    assertThat(outcome(v, sign(vertx, "RS256", K1, "k1", "alice"))).isEqualTo("accepted alice");
  }

  @Test
  void aTokenWhoseAlgIsNotTheConfiguredOneIsRefused() {
    KeyPair ec = TestKeys.ec();
    jwks.serve(jwk(K1, "k1", "RS256"), jwk(ec, "k2", "ES256"));
    TokenVerifier v = TestNode.await(TokenVerifier.create(vertx, jwksConfig()));
    assertThat(outcome(v, sign(vertx, "ES256", ec, "k2", "mallory"))).isEqualTo("invalid token");
    assertThat(outcome(v, sign(vertx, "RS256", K1, "k1", "alice"))).isEqualTo("accepted alice");
  }

  @Test
  void aRefreshWithoutUsableKeysKeepsThePreviousKeySetAndIsCounted() {
    jwks.serve(jwk(K1, "k1", "RS256"));
    TokenVerifier v =
        TestNode.await(
            TokenVerifier.create(vertx, jwksConfig(Duration.ofMillis(100), Duration.ofSeconds(5))));
    jwks.serveRaw("{\"keys\":[]}");
    await().atMost(Duration.ofSeconds(5)).until(() -> v.jwksRefreshFailures() >= 2);
    assertUnsignedRefused(v);
    assertThat(outcome(v, sign(vertx, "RS256", K1, "k1", "alice"))).isEqualTo("accepted alice");
  }

  @Test
  void aJwksThatNeverAnswersFailsTheStartAfterTheTimeout() throws Exception {
    jwks.hang();
    Future<String> started =
        TokenVerifier.create(vertx, jwksConfig(Duration.ofHours(1), Duration.ofMillis(300)))
            .map(v -> "started")
            .otherwise(e -> "failed: " + e.getMessage());
    assertThat(started.toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS))
        .startsWith("failed: ")
        .contains("timed out");
  }

  @Test
  void aRefreshThatNeverAnswersIsCountedAndKeepsTheKeys() {
    jwks.serve(jwk(K1, "k1", "RS256"));
    TokenVerifier v =
        TestNode.await(
            TokenVerifier.create(
                // a timeout the first (answered) fetch meets even on a loaded machine
                vertx, jwksConfig(Duration.ofMillis(300), Duration.ofSeconds(2))));
    jwks.hang();
    await().atMost(Duration.ofSeconds(15)).until(() -> v.jwksRefreshFailures() >= 1);
    assertThat(outcome(v, sign(vertx, "RS256", K1, "k1", "alice"))).isEqualTo("accepted alice");
  }

  @Test
  void anUnknownKidRefetchesOnceAndASecondWithinTheIntervalDoesNot() {
    jwks.serve(jwk(K1, "k1", "RS256"));
    TokenVerifier v = TestNode.await(TokenVerifier.create(vertx, jwksConfig()));
    assertThat(jwks.requests).hasValue(1);
    // the identity provider rotates in k2: the first token signed with it refetches the key set
    jwks.serve(jwk(K1, "k1", "RS256"), jwk(K2, "k2", "RS256"));
    assertThat(outcome(v, sign(vertx, "RS256", K2, "k2", "bob"))).isEqualTo("accepted bob");
    assertThat(jwks.requests).hasValue(2);
    assertThat(outcome(v, sign(vertx, "RS256", K2, "k2", "bob"))).isEqualTo("accepted bob");
    // another unknown kid within jwksMinRefetch: refused without a fetch
    assertThat(outcome(v, sign(vertx, "RS256", TestKeys.rsa(), "k3", "mallory")))
        .isEqualTo("invalid token");
    assertThat(jwks.requests).hasValue(2);
  }

  @Test
  void plainHttpJwksIsRefusedUnlessAllowed() {
    jwks.serve(jwk(K1, "k1", "RS256"));
    AuthConfig allowed = jwksConfig();
    AuthConfig refused =
        allowed.withJwksFetch(
            allowed.jwksRefresh(), allowed.jwksTimeout(), allowed.jwksMinRefetch(), false);
    assertThat(startFailure(refused)).startsWith("failed: ").contains("auth.jwksAllowHttp");
    assertThat(jwks.requests).hasValue(0);
    assertThat(startFailure(allowed)).isEqualTo("started");
  }

  @Test
  void aPublicKeyIsNeverUsedAsAnHmacSecret() {
    String pem = TestKeys.publicPem(K1);
    AuthConfig config = AuthConfig.DEFAULT.withKeys("HS256", "", pem, "").withAnonymous(true);
    String forged =
        TestKeys.hmac(
            vertx,
            pem,
            new JsonObject()
                .put("sub", "mallory")
                .put("exp", System.currentTimeMillis() / 1000 + 600));
    String outcome =
        TestNode.await(
            TokenVerifier.create(vertx, config)
                .compose(v -> v.verify(forged))
                .map(p -> "accepted " + p.user())
                .otherwise(e -> "failed: " + e.getMessage()));
    assertThat(outcome)
        .isEqualTo(
            "failed: auth.publicKey: is set but auth.algorithm is HS256; a public key is"
                + " never an HMAC secret (allowed: RS256 or ES256 with auth.publicKey, HS256 with auth.hmacSecret)");
  }

  @Test
  void aTokenWithoutExpIsRefused() {
    TokenVerifier v = TestNode.await(TokenVerifier.create(vertx, AuthConfig.hmac(TestNode.SECRET)));
    assertThat(
            outcome(v, TestKeys.hmac(vertx, TestNode.SECRET, new JsonObject().put("sub", "alice"))))
        .isEqualTo("token has no exp");
  }

  @Test
  void expIsCheckedWithTheConfiguredLeeway() {
    long now = System.currentTimeMillis() / 1000;
    String threeSecondsAgo =
        TestKeys.hmac(
            vertx,
            TestNode.SECRET,
            new JsonObject().put("sub", "alice").put("exp", now - 3).put("iat", now - 60));
    String tenSecondsAgo =
        TestKeys.hmac(
            vertx,
            TestNode.SECRET,
            new JsonObject().put("sub", "alice").put("exp", now - 10).put("iat", now - 60));
    TokenVerifier fiveSeconds =
        TestNode.await(TokenVerifier.create(vertx, AuthConfig.hmac(TestNode.SECRET)));
    assertThat(outcome(fiveSeconds, threeSecondsAgo)).isEqualTo("accepted alice");
    assertThat(outcome(fiveSeconds, tenSecondsAgo)).isEqualTo("token expired");
    TokenVerifier none =
        TestNode.await(
            TokenVerifier.create(
                vertx, AuthConfig.hmac(TestNode.SECRET).withLeeway(Duration.ZERO)));
    assertThat(outcome(none, threeSecondsAgo)).isEqualTo("token expired");
    TokenVerifier minute =
        TestNode.await(
            TokenVerifier.create(
                vertx, AuthConfig.hmac(TestNode.SECRET).withLeeway(Duration.ofMinutes(1))));
    assertThat(outcome(minute, tenSecondsAgo)).isEqualTo("accepted alice");
    // nbf in the future beyond the leeway is refused too
    String notYet =
        TestKeys.hmac(
            vertx,
            TestNode.SECRET,
            new JsonObject().put("sub", "alice").put("exp", now + 600).put("nbf", now + 30));
    assertThat(outcome(fiveSeconds, notYet)).isEqualTo("token expired");
    assertThat(outcome(minute, notYet)).isEqualTo("accepted alice");
  }
}
