package io.switchboard.server.auth;

import io.switchboard.server.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies client JWTs (SPEC C1 "Authentication"; seed 003's lookup order): the token is taken
 * from cookie {@code token}, then query {@code ?token=}, then {@code Authorization: Bearer}.
 * HS256 with a secret, RS256/ES256 with a PEM public key or a JWKS URL (re-fetched every {@code
 * jwksRefresh}). {@code exp} is enforced, {@code sub} is required; tokens are never logged.
 */
public final class TokenVerifier {
  private final AuthConfig config;
  private volatile JWTAuth jwt;

  private TokenVerifier(AuthConfig config, JWTAuth jwt) {
    this.config = config;
    this.jwt = jwt;
  }

  /**
   * Creates a verifier; with a JWKS URL it fetches the key set first and then periodically.
   *
   * @return the verifier; failed if the JWKS cannot be fetched at start
   */
  public static Future<TokenVerifier> create(Vertx vertx, AuthConfig config) {
    if (!config.jwksUrl().isEmpty()) {
      WebClient client = WebClient.create(vertx);
      return fetchJwks(vertx, client, config).map(auth -> {
        TokenVerifier v = new TokenVerifier(config, auth);
        vertx.setPeriodic(config.jwksRefresh().toMillis(), t -> fetchJwks(vertx, client, config)
            .onSuccess(fresh -> v.jwt = fresh));
        return v;
      });
    }
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(jwtOptions(config));
    if (!config.hmacSecret().isEmpty() && "HS256".equals(config.algorithm())) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(config.hmacSecret()));
    } else if (!config.publicKey().isEmpty()) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(config.algorithm()).setBuffer(config.publicKey()));
    }
    return Future.succeededFuture(new TokenVerifier(config,
        options.getPubSecKeys().isEmpty() ? null : JWTAuth.create(vertx, options)));
  }

  private static Future<JWTAuth> fetchJwks(Vertx vertx, WebClient client, AuthConfig config) {
    return client.getAbs(config.jwksUrl()).send().map(resp -> {
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("JWKS fetch answered HTTP " + resp.statusCode());
      }
      List<JsonObject> keys = new ArrayList<>();
      resp.bodyAsJsonObject().getJsonArray("keys").forEach(k -> keys.add((JsonObject) k));
      return JWTAuth.create(vertx, new JWTAuthOptions().setJwks(keys).setJWTOptions(jwtOptions(config)));
    });
  }

  private static JWTOptions jwtOptions(AuthConfig config) {
    JWTOptions o = new JWTOptions().setAlgorithm(config.algorithm()).setLeeway(5);
    if (!config.issuer().isEmpty()) {
      o.setIssuer(config.issuer());
    }
    if (!config.audience().isEmpty()) {
      o.addAudience(config.audience());
    }
    return o;
  }

  /**
   * The token of a WebSocket upgrade, by SPEC order (cookie {@code token}, query {@code token},
   * {@code Authorization: Bearer}), or {@code null} if none.
   *
   * @param headers the upgrade request's headers
   * @param query the raw query string, or {@code null}
   */
  public static String tokenOf(MultiMap headers, String query) {
    String cookies = headers.get("Cookie");
    if (cookies != null) {
      for (Cookie c : ServerCookieDecoder.LAX.decode(cookies)) {
        if ("token".equals(c.name()) && !c.value().isEmpty()) {
          return c.value();
        }
      }
    }
    if (query != null) {
      List<String> values = new QueryStringDecoder(query, false).parameters().get("token");
      if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
        return values.get(0);
      }
    }
    String header = headers.get("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    return null;
  }

  /**
   * Verifies a token, or admits an anonymous connection when there is none and configuration
   * allows it.
   *
   * @param token the raw JWT, or {@code null}
   * @return the principal; failed with {@link AuthException} for a missing, expired or forged
   *     token (the message says which, never the token)
   */
  public Future<Principal> verify(String token) {
    if (token == null) {
      return config.anonymous()
          ? Future.succeededFuture(Principal.ANONYMOUS)
          : Future.failedFuture(new AuthException("token required"));
    }
    JWTAuth auth = jwt;
    if (auth == null) {
      return Future.failedFuture(new AuthException("token verification is not configured"));
    }
    return auth.authenticate(new TokenCredentials(token)).recover(e ->
        Future.failedFuture(new AuthException(describe(e)))).compose(user -> {
          JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
          String sub = claims.getValue("sub") == null ? null : String.valueOf(claims.getValue("sub"));
          if (sub == null || sub.isEmpty()) {
            return Future.failedFuture(new AuthException("token has no sub"));
          }
          return Future.succeededFuture(new Principal(sub, claims));
        });
  }

  /** How many JWKS fetches after the first have failed (not yet counted). */
  public long jwksRefreshFailures() {
    return 0;
  }

  private static String describe(Throwable e) {
    String m = String.valueOf(e.getMessage()).toLowerCase();
    if (m.contains("expired")) {
      return "token expired";
    }
    return "invalid token";
  }
}
