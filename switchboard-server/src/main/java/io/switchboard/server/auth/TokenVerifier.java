package io.switchboard.server.auth;

import io.switchboard.server.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Verifies client JWTs (SPEC C1 "Authentication"; issue 7 part 2): HS256 with a secret, RS256/ES256
 * with a PEM public key or a JWKS URL ({@link JwksSource}). A token is accepted only with a
 * verified signature: it must have three segments and a non-empty signature, and its header {@code
 * alg} must be exactly {@code auth.algorithm} ({@code none} and any other algorithm are refused
 * before Vert.x sees the token). {@code exp} is required and, with {@code nbf} and {@code iat},
 * checked with {@code auth.leeway}; {@code sub} is required; tokens are never logged. Which token
 * of a handshake is used is {@link HandshakeToken}'s business.
 */
public final class TokenVerifier {
  private final AuthConfig config;
  private final JWTAuth fixed;
  private final JwksSource jwks;
  private final java.util.Map<String, Trusted> trusted =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Trusted(String algorithm, JWTAuth auth) {}

  private TokenVerifier(AuthConfig config, JWTAuth fixed, JwksSource jwks) {
    this.config = config;
    this.fixed = fixed;
    this.jwks = jwks;
  }

  /**
   * Creates a verifier; with a JWKS URL it fetches the key set first and then periodically. Without
   * any key (HS256 without a secret) every token is refused and only anonymous connections work.
   *
   * @param vertx for the JWKS client and timers
   * @param config {@code auth.*}
   * @return the verifier; failed (message naming the key, never its value) if the configuration
   *     would let a token through unverified or with the wrong key: a public key with HS256, a JWKS
   *     URL with HS256 or over plain http without {@code auth.jwksAllowHttp}, a JWKS that cannot be
   *     fetched within {@code auth.jwksTimeout} or has no usable signing key, an unreadable PEM
   */
  public static Future<TokenVerifier> create(Vertx vertx, AuthConfig config) {
    try {
      boolean hmac = "HS256".equals(config.algorithm());
      if (hmac && !config.publicKey().isEmpty()) {
        throw new IllegalArgumentException(
            "auth.publicKey: is set but auth.algorithm is HS256; a public key is never"
                + " an HMAC secret (allowed: RS256 or ES256 with auth.publicKey, HS256 with auth.hmacSecret)");
      }
      if (!config.jwksUrl().isEmpty()) {
        if (hmac) {
          throw new IllegalArgumentException(
              "auth.jwksUrl: is set but auth.algorithm is HS256"
                  + " (allowed: RS256 or ES256 with auth.jwksUrl)");
        }
        return JwksSource.start(vertx, config, jwtOptions(config))
            .map(j -> new TokenVerifier(config, null, j));
      }
      String key = hmac ? config.hmacSecret() : config.publicKey();
      // no key: only anonymous connections (reported by check-config); never a JWTAuth without a
      // key
      JWTAuth auth =
          key.isEmpty()
              ? null
              : JWTAuth.create(
                  vertx,
                  new JWTAuthOptions()
                      .setJWTOptions(jwtOptions(config))
                      .addPubSecKey(
                          new PubSecKeyOptions().setAlgorithm(config.algorithm()).setBuffer(key)));
      return Future.succeededFuture(new TokenVerifier(config, auth, null));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static JWTOptions jwtOptions(AuthConfig config) {
    JWTOptions o =
        new JWTOptions()
            .setAlgorithm(config.algorithm())
            .setLeeway((int) Math.min(Integer.MAX_VALUE, config.leeway().toSeconds()));
    if (!config.issuer().isEmpty()) {
      o.setIssuer(config.issuer());
    }
    if (!config.audience().isEmpty()) {
      o.addAudience(config.audience());
    }
    return o;
  }

  /**
   * Trusts the node's own signing key besides {@code auth.*}: a token whose header names {@code
   * kid} and {@code algorithm} is verified with {@code auth} (SPEC C5: the tokens the node's
   * sign-in issues open {@code /ws} and the user APIs like any configured token; {@code exp} and
   * {@code sub} are required as for every token). Only a capability of this node calls it, at
   * start.
   *
   * @param kid the key id in the tokens' header
   * @param algorithm the tokens' {@code alg}, e.g. {@code ES256}
   * @param auth verifies signature and time claims with that key
   */
  public void trust(String kid, String algorithm, JWTAuth auth) {
    trusted.put(
        java.util.Objects.requireNonNull(kid, "kid"),
        new Trusted(java.util.Objects.requireNonNull(algorithm, "algorithm"), auth));
  }

  /**
   * How many JWKS refreshes (periodic or for an unknown {@code kid}) have failed or were refused
   * since the start; 0 without a JWKS.
   *
   * @return the running count ({@code switchboard_jwks_refresh_failures_total})
   */
  public long jwksRefreshFailures() {
    return jwks == null ? 0 : jwks.failures();
  }

  /**
   * The user of an HTTP request of a capability's API (SPEC C1 "Authentication", applied to C2 and
   * C3): the JWT from {@code Authorization: Bearer} or the {@code token} cookie (the cookie only
   * from no {@code Origin}, this server's own, or an allowed one, as for {@code /ws}, so another
   * site cannot act with a visitor's cookie), verified like a WebSocket token. Never from the query
   * string (it ends in access logs), and never anonymous.
   *
   * @param headers the request's headers
   * @param allowedOrigins {@code server.allowedOrigins}
   * @return the authenticated principal; failed with {@link AuthException} (answer 401) without a
   *     valid token
   */
  public Future<Principal> verifyUser(io.vertx.core.MultiMap headers, List<String> allowedOrigins) {
    String token = HandshakeToken.of(headers, null, allowedOrigins).token();
    if (token == null) {
      return Future.failedFuture(new AuthException("token required"));
    }
    return verify(token)
        .compose(
            p ->
                p.authenticated()
                    ? Future.succeededFuture(p)
                    : Future.failedFuture(new AuthException("token required")));
  }

  /**
   * Verifies a token, or admits an anonymous connection when there is none and configuration allows
   * it.
   *
   * @param token the raw JWT, or {@code null}
   * @return the principal, on the thread that completes the verification (a JWKS refetch may delay
   *     it); failed with {@link AuthException} for a missing, expired or forged token (the message
   *     says which, never the token): {@code token required}, {@code invalid token}, {@code token
   *     expired}, {@code token has no exp}, {@code token has no sub}, or {@code token verification
   *     is not configured} when no key is set
   */
  public Future<Principal> verify(String token) {
    if (token == null) {
      return config.anonymous()
          ? Future.succeededFuture(Principal.ANONYMOUS)
          : Future.failedFuture(new AuthException("token required"));
    }
    JsonObject header = signedHeader(token);
    Trusted own =
        header == null || !(header.getValue("kid") instanceof String k) ? null : trusted.get(k);
    if (own != null && own.algorithm().equals(header.getValue("alg"))) {
      return check(own.auth(), token);
    }
    if (header == null || !config.algorithm().equals(header.getValue("alg"))) {
      return Future.failedFuture(new AuthException("invalid token"));
    }
    Object kid = header.getValue("kid");
    Future<JWTAuth> auth =
        jwks != null
            ? jwks.verifierFor(kid instanceof String k ? k : null)
            : Future.succeededFuture(fixed);
    return auth.compose(a -> check(a, token));
  }

  private static Future<Principal> check(JWTAuth verifier, String token) {
    return Future.succeededFuture(verifier)
        .compose(
            a ->
                a == null
                    ? Future.failedFuture(new AuthException("token verification is not configured"))
                    : a.authenticate(new TokenCredentials(token))
                        .recover(e -> Future.failedFuture(new AuthException(describe(e)))))
        .compose(
            user -> {
              JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
              if (!(claims.getValue("exp") instanceof Number)) {
                return Future.failedFuture(new AuthException("token has no exp"));
              }
              String sub =
                  claims.getValue("sub") == null ? null : String.valueOf(claims.getValue("sub"));
              if (sub == null || sub.isEmpty()) {
                return Future.failedFuture(new AuthException("token has no sub"));
              }
              return Future.succeededFuture(new Principal(sub, claims));
            });
  }

  /** The header of a token with three segments and a non-empty signature, or {@code null}. */
  private static JsonObject signedHeader(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      return null;
    }
    try {
      return new JsonObject(
          new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String describe(Throwable e) {
    String m = String.valueOf(e.getMessage()).toLowerCase();
    if (m.contains("expired")) {
      return "token expired";
    }
    return "invalid token";
  }
}
