package io.switchboard.edge;

import static io.switchboard.edge.testing.EdgeNode.PASSWORD;
import static io.switchboard.edge.testing.EdgeNode.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.store.Document;
import io.switchboard.edge.testing.EdgeNode;
import io.switchboard.edge.tokens.SigningKey;
import io.switchboard.edge.tokens.SigningKeys;
import io.switchboard.edge.users.Users;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens and keys on both stores (SPEC C5 "tokens signed; JWKS published"; issue 11 point 1): the
 * token's header and claims, the JWKS verifying it with vertx-auth-jwt, forged and expired tokens
 * refused, the key surviving a restart, and a password rehashed when the Argon2 parameters change.
 */
class EdgeTokensIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void theJwksVerifiesTheIssuedToken(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      String id = edge.register("jwks@example.com").getString("id");
      String token = edge.token("jwks@example.com");
      JsonObject header = part(token, 0);
      JsonObject claims = part(token, 1);
      assertThat(header.getString("alg")).isEqualTo("ES256");
      assertThat(claims.getString("sub")).isEqualTo(id);
      assertThat(claims.getString("email")).isEqualTo("jwks@example.com");
      assertThat(claims.getString("role")).isEqualTo("user");
      assertThat(claims.getString("iss")).isEqualTo("switchboard");
      assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);

      JsonObject jwks =
          expect(edge.call(HttpMethod.GET, "/.well-known/jwks.json", null, null), 200);
      JsonArray keys = jwks.getJsonArray("keys");
      assertThat(keys).hasSize(1);
      JsonObject jwk = keys.getJsonObject(0);
      assertThat(jwk.fieldNames())
          .containsExactlyInAnyOrder("kty", "crv", "x", "y", "kid", "alg", "use");
      assertThat(jwk.getString("kty")).isEqualTo("EC");
      assertThat(jwk.getString("crv")).isEqualTo("P-256");
      assertThat(jwk.getString("alg")).isEqualTo("ES256");
      assertThat(jwk.getString("use")).isEqualTo("sig");
      assertThat(jwk.getString("kid")).isEqualTo(header.getString("kid"));

      JWTAuth verifier =
          JWTAuth.create(edge.node.vertx, new JWTAuthOptions().setJwks(List.of(jwk)));
      assertThat(TestNode.await(verifier.authenticate(new TokenCredentials(token)))).isNotNull();
      String forged =
          sign(edge.node.vertx, SigningKey.generate(Instant.now()), jwk.getString("kid"), id, 600);
      assertThatThrownBy(() -> TestNode.await(verifier.authenticate(new TokenCredentials(forged))))
          .isInstanceOf(AssertionError.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void forgedAndExpiredTokensAreInvalid(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      String id = edge.register("forge@example.com").getString("id");
      String kid = part(edge.token("forge@example.com"), 0).getString("kid");
      Vertx vertx = edge.node.vertx;
      SigningKey other = SigningKey.generate(Instant.now());
      Document stored = TestNode.await(ports.ports.store().get(SigningKeys.KEYS, kid));
      SigningKey real = SigningKey.fromDocument(stored.json());
      String[] refused = {
        sign(vertx, other, kid, id, 600), // another key, the node's kid
        sign(vertx, other, other.kid(), id, 600), // another key, its own kid
        sign(vertx, real, kid, id, -60), // the node's key, expired a minute ago
        sign(vertx, real, kid, "no-such-user", 600), // the node's key, no such user
      };
      for (String token : refused) {
        assertThat(expect(edge.post("validate", new JsonObject().put("token", token)), 401))
            .isEqualTo(new JsonObject().put("valid", false));
        assertThat(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, token).statusCode())
            .isEqualTo(401);
      }
      // the same key, not expired: valid (the refusals above are for the reasons stated)
      String fine = sign(vertx, real, kid, id, 600);
      expect(edge.post("validate", new JsonObject().put("token", fine)), 200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void theKeySurvivesARestartAndAPasswordIsRehashedWhenTheParametersChange(String store) {
    try (StorePorts ports = StorePorts.of(store)) {
      String token;
      JsonObject jwks;
      try (EdgeNode first = EdgeNode.start(ports.ports, EdgeNode.fast())) {
        first.register("restart@example.com");
        token = first.token("restart@example.com");
        jwks = expect(first.call(HttpMethod.GET, "/.well-known/jwks.json", null, null), 200);
      }
      assertThat(hash(ports, "restart@example.com")).contains("$m=1024,t=1,p=1$");
      try (EdgeNode second = EdgeNode.start(ports.ports, EdgeNode.fast().withArgon2(2048, 2, 1))) {
        assertThat(
                expect(second.post("validate", new JsonObject().put("token", token)), 200)
                    .getBoolean("valid"))
            .isTrue();
        assertThat(expect(second.call(HttpMethod.GET, "/.well-known/jwks.json", null, null), 200))
            .isEqualTo(jwks);
        String fresh = second.token("restart@example.com");
        assertThat(part(fresh, 0).getString("kid")).isEqualTo(part(token, 0).getString("kid"));
        assertThat(hash(ports, "restart@example.com")).contains("$m=2048,t=2,p=1$");
        // the new hash verifies
        expect(second.login("restart@example.com", PASSWORD), 200);
        expect(second.login("restart@example.com", "Wr0ng-Password"), 401);
      }
    }
  }

  private static String hash(StorePorts ports, String email) {
    Document index = TestNode.await(ports.ports.store().get(Users.EMAILS, email));
    String id = new JsonObject(index.json()).getString("userId");
    Document user = TestNode.await(ports.ports.store().get(Users.USERS, id));
    return new JsonObject(user.json()).getString("passwordHash");
  }

  /**
   * A token for {@code sub} signed with {@code key} under {@code kid}, expiring in {@code ttl} s.
   */
  static String sign(Vertx vertx, SigningKey key, String kid, String sub, long ttl) {
    JWTAuth auth =
        JWTAuth.create(vertx, new JWTAuthOptions().addJwk(key.privateJwk().copy().put("kid", kid)));
    long now = System.currentTimeMillis() / 1000;
    return auth.generateToken(
        new JsonObject()
            .put("sub", sub)
            .put("email", "x@example.com")
            .put("role", "user")
            .put("iss", "switchboard")
            .put("iat", now - 120)
            .put("exp", now + ttl),
        new JWTOptions()
            .setAlgorithm("ES256")
            .setNoTimestamp(true)
            .setHeader(new JsonObject().put("kid", kid)));
  }

  private static JsonObject part(String token, int i) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8));
  }
}
