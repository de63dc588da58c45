package io.switchboard.edge.tokens;

import io.switchboard.edge.users.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens (SPEC C5; issue 11 point 1; docs/edge.md "Tokens"): compact JWS, ES256, header
 * {@code {alg: ES256, typ: JWT, kid}}, claims {@code sub} (user id), {@code email}, {@code role},
 * {@code roles} (the role in an array, as {@code workflows.roleClaim} reads it), {@code iss}
 * ({@code edge.issuer}), {@code iat} and {@code exp} ({@code iat + edge.accessTtl}), in seconds
 * since the epoch. Verification picks the key by {@code kid} ({@link SigningKeys#find}), checks the
 * signature with vertx-auth-jwt, then {@code iss} and {@code exp} (no leeway).
 */
public final class AccessTokens {
  private final Vertx vertx;
  private final SigningKeys keys;
  private final String issuer;
  private final Duration ttl;
  private final JWTAuth signer;
  private final Map<String, JWTAuth> verifiers = new ConcurrentHashMap<>();

  /**
   * @param keys the node's keys; the current one signs
   * @param issuer {@code edge.issuer}
   * @param ttl {@code edge.accessTtl}, at least 1 s
   */
  public AccessTokens(Vertx vertx, SigningKeys keys, String issuer, Duration ttl) {
    this.vertx = vertx;
    this.keys = keys;
    this.issuer = issuer;
    this.ttl = ttl;
    this.signer = auth(keys.current().privateJwk());
  }

  /** The lifetime of new tokens, in seconds ({@code expiresIn} of a login). */
  public long ttlSeconds() {
    return ttl.toSeconds();
  }

  /** A new access token for {@code user}, signed with the current key. */
  public String issue(User user) {
    JWTOptions options =
        new JWTOptions()
            .setAlgorithm(SigningKey.ALG)
            .setIssuer(issuer)
            .setSubject(user.id())
            .setExpiresInSeconds((int) ttlSeconds())
            .setHeader(new JsonObject().put("kid", keys.current().kid()));
    return signer.generateToken(
        new JsonObject()
            .put("email", user.email())
            .put("role", user.role())
            .put("roles", new JsonArray().add(user.role())),
        options);
  }

  /**
   * Verifies {@code token}.
   *
   * @return its claims; failed with {@link InvalidTokenException} when it is not a valid token of
   *     this issuer, with the store's error when an unknown {@code kid} could not be looked up
   */
  public Future<JsonObject> verify(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.", -1);
    if (parts.length != 3 || token.length() > 8192) {
      return invalid("not a compact JWS");
    }
    JsonObject header;
    JsonObject claims;
    try {
      header = part(parts[0]);
      claims = part(parts[1]);
    } catch (RuntimeException e) {
      return invalid("not a compact JWS");
    }
    if (!SigningKey.ALG.equals(header.getValue("alg"))
        || !(header.getValue("kid") instanceof String kid)) {
      return invalid("not an ES256 token with a kid");
    }
    return keys.find(kid)
        .compose(
            key -> {
              if (key == null) {
                return invalid("unknown key");
              }
              JWTAuth auth = verifiers.computeIfAbsent(kid, k -> auth(key.publicJwk()));
              return auth.authenticate(new TokenCredentials(token))
                  .recover(e -> invalid("bad signature or expired"))
                  .compose(u -> check(claims));
            });
  }

  private Future<JsonObject> check(JsonObject claims) {
    long now = System.currentTimeMillis() / 1000;
    if (!issuer.equals(claims.getValue("iss"))) {
      return invalid("another issuer");
    }
    if (!(claims.getValue("exp") instanceof Number exp) || exp.longValue() <= now) {
      return invalid("expired");
    }
    if (!(claims.getValue("sub") instanceof String sub) || sub.isEmpty()) {
      return invalid("no subject");
    }
    return Future.succeededFuture(claims);
  }

  private JWTAuth auth(JsonObject jwk) {
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addJwk(jwk)
            .setJWTOptions(new JWTOptions().setIssuer(issuer).setLeeway(0)));
  }

  private static JsonObject part(String b64) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8));
  }

  private static <T> Future<T> invalid(String reason) {
    return Future.failedFuture(new InvalidTokenException(reason));
  }
}
