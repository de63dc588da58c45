package io.switchboard.dashboard.http;

import io.switchboard.server.auth.TokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived WebSocket tokens for a dashboard signed in with the server API key (docs/dashboard.md
 * "Socket tokens"): HS256 JWTs with header {@code kid: "dashboard"}, {@code sub: "dashboard"},
 * {@code role: "admin"}, {@code roles: ["admin"]} and {@code exp} {@value #TTL_SECONDS} s ahead.
 * The key is HMAC-SHA256 of a fixed label under the first of {@code api.keys}, so every node with
 * the same keys derives the same key and verifies the token whichever node the page reaches, and
 * whatever {@code auth.*} says (HS256 secret, public key, JWKS or none); only a holder of the API
 * key, who may do everything these tokens allow already, can make one. The key is trusted by the
 * node's {@link TokenVerifier} at start; it is never logged.
 */
public final class SocketTokens {
  /** The key id in the tokens' header. */
  public static final String KID = "dashboard";

  /** How long a token is valid, seconds. */
  public static final int TTL_SECONDS = 300;

  private static final String LABEL = "switchboard-dashboard-socket-token-v1";

  private final JWTAuth auth;

  private SocketTokens(JWTAuth auth) {
    this.auth = auth;
  }

  /**
   * Derives the key from {@code apiKey} and makes the node's verifier trust it.
   *
   * @param vertx the node's Vert.x
   * @param apiKey the first of {@code api.keys}
   * @param verifier the node's verifier
   * @return the token signer
   */
  public static SocketTokens trusted(Vertx vertx, String apiKey, TokenVerifier verifier) {
    JWTAuth auth =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .setJWTOptions(new JWTOptions().setAlgorithm("HS256").setLeeway(5))
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(derive(apiKey))));
    verifier.trust(KID, "HS256", auth);
    return new SocketTokens(auth);
  }

  /**
   * A new token.
   *
   * @return {@code {token, expiresIn}} (seconds)
   */
  public JsonObject issue() {
    String token =
        auth.generateToken(
            new JsonObject()
                .put("sub", "dashboard")
                .put("role", AdminAccess.ADMIN)
                .put("roles", new JsonArray().add(AdminAccess.ADMIN)),
            new JWTOptions()
                .setAlgorithm("HS256")
                .setExpiresInSeconds(TTL_SECONDS)
                .setHeader(new JsonObject().put("kid", KID)));
    return new JsonObject().put("token", token).put("expiresIn", TTL_SECONDS);
  }

  static String derive(String apiKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
