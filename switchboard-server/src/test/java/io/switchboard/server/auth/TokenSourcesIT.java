package io.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.AuthConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC C1 "Authentication" beyond HS256: RS256 and ES256 tokens verified with a configured PEM
 * public key, and RS256 tokens verified against a JWKS fetched from a URL; a token signed by
 * another key is refused in each case.
 */
class TokenSourcesIT {

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static String sign(Vertx vertx, String alg, KeyPair keys, String kid, String user) {
    PubSecKeyOptions key = new PubSecKeyOptions().setAlgorithm(alg).setBuffer(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    if (kid != null) {
      key.setId(kid);
    }
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key));
    return signer.generateToken(new JsonObject().put("sub", user),
        new JWTOptions().setAlgorithm(alg).setExpiresInSeconds(600));
  }

  private static TestNode nodeWith(AuthConfig auth) {
    return TestNode.start(c -> c.withAuth(auth));
  }

  private static AuthConfig publicKey(String alg, KeyPair keys) {
    return AuthConfig.DEFAULT.withKeys(alg, "", pem("PUBLIC KEY", keys.getPublic().getEncoded()), "");
  }

  private static void assertAccepted(TestNode node, String token, String user) {
    try (TestClient c = TestClient.connect(node.vertx, node.port(), "/ws?token=" + token)) {
      assertThat(c.expect("welcome").getJsonObject("data").getString("user")).isEqualTo(user);
    }
  }

  private static void assertRefused(TestNode node, String token) {
    assertThat(TestNode.await(new TokenVerifierProbe(node).verify(token).map(p -> "accepted")
        .otherwise(e -> e.getMessage()))).isEqualTo("invalid token");
  }

  /** Verifies tokens with the node's own configuration, without a socket. */
  private record TokenVerifierProbe(TestNode node) {
    io.vertx.core.Future<Principal> verify(String token) {
      return TokenVerifier.create(node.vertx, node.config.auth()).compose(v -> v.verify(token));
    }
  }

  @Test
  void rs256WithAPemPublicKey() throws Exception {
    KeyPair keys = rsa();
    try (TestNode node = nodeWith(publicKey("RS256", keys))) {
      assertAccepted(node, sign(node.vertx, "RS256", keys, null, "rsa-user"), "rsa-user");
      assertRefused(node, sign(node.vertx, "RS256", rsa(), null, "mallory"));
    }
  }

  @Test
  void es256WithAPemPublicKey() throws Exception {
    KeyPair keys = ec();
    try (TestNode node = nodeWith(publicKey("ES256", keys))) {
      assertAccepted(node, sign(node.vertx, "ES256", keys, null, "ec-user"), "ec-user");
      assertRefused(node, sign(node.vertx, "ES256", ec(), null, "mallory"));
    }
  }

  @Test
  void rs256AgainstAJwksUrl() throws Exception {
    KeyPair keys = rsa();
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", "k1").put("alg", "RS256").put("use", "sig")
        .put("n", b64.encodeToString(unsigned(pub.getModulus())))
        .put("e", b64.encodeToString(unsigned(pub.getPublicExponent())));
    Vertx vertx = Vertx.vertx();
    HttpServer jwks = TestNode.await(vertx.createHttpServer()
        .requestHandler(r -> r.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("keys", new JsonArray(List.of(jwk))).encode()))
        .listen(0, "127.0.0.1"));
    AuthConfig auth = AuthConfig.DEFAULT.withKeys("RS256", "", "", "http://127.0.0.1:" + jwks.actualPort() + "/jwks.json")
        .withJwksFetch(Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofSeconds(30), true);
    try (TestNode node = nodeWith(auth)) {
      assertAccepted(node, sign(node.vertx, "RS256", keys, "k1", "jwks-user"), "jwks-user");
      assertRefused(node, sign(node.vertx, "RS256", rsa(), "k1", "mallory"));
    } finally {
      TestNode.await(vertx.close());
    }
  }

  private static byte[] unsigned(BigInteger n) {
    byte[] b = n.toByteArray();
    return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }
}
