package io.switchboard.edge.tokens;

import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Refresh tokens (SPEC C5; issue 11 point 1 "refresh tokens are stored hashed and can be revoked";
 * docs/edge.md "Refresh tokens"): {@code sbr_} plus 256 random bits, base64url. Only the SHA-256 of
 * a token is stored, as the key of {@code edge_refresh/<hex>} ({@code {userId, createdAt,
 * expiresAt, revoked}}). A token is used once: {@link #rotate} revokes it and issues the next in
 * one transaction (a conditional write, so two concurrent uses give one success); {@link #revoke}
 * is logout.
 */
public final class RefreshTokens {
  /** The refresh tokens' collection. */
  public static final String REFRESH = "edge_refresh";

  /** How long a refresh token is valid after it is issued. */
  public static final Duration TTL = Duration.ofDays(30);

  private static final String PREFIX = "sbr_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final Clock clock;

  /**
   * @param store the node's store
   * @param clock the time of issue and expiry
   */
  public RefreshTokens(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Issues a refresh token for {@code userId}.
   *
   * @return the token (shown once; only its hash is stored)
   */
  public Future<String> issue(String userId) {
    String token = fresh();
    return store.transaction(
        tx -> {
          tx.put(REFRESH, hash(token), document(userId), 0);
          return Future.succeededFuture(token);
        });
  }

  /**
   * Uses {@code token}: revokes it and issues the next one for the same user.
   *
   * @return the user id and the next token; failed with {@link InvalidTokenException} for an
   *     unknown, revoked, expired or concurrently used token
   */
  public Future<Rotation> rotate(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Future.failedFuture(new InvalidTokenException("not a refresh token"));
    }
    String key = hash(token);
    String next = fresh();
    return store
        .transaction(
            tx ->
                tx.get(REFRESH, key)
                    .compose(
                        d -> {
                          JsonObject o = d == null ? null : new JsonObject(d.json());
                          if (o == null
                              || o.getBoolean("revoked", false)
                              || !Instant.parse(o.getString("expiresAt"))
                                  .isAfter(clock.instant())) {
                            return Future.failedFuture(
                                new InvalidTokenException("unknown, revoked or expired"));
                          }
                          String user = o.getString("userId");
                          tx.put(REFRESH, key, o.put("revoked", true).encode(), d.revision());
                          tx.put(REFRESH, hash(next), document(user), 0);
                          return Future.succeededFuture(new Rotation(user, next));
                        }))
        .recover(
            e ->
                e instanceof io.switchboard.core.store.StoreConflictException
                    ? Future.failedFuture(new InvalidTokenException("used concurrently"))
                    : Future.failedFuture(e));
  }

  /**
   * Revokes {@code token} (logout); an unknown one is ignored.
   *
   * @return completes when written
   */
  public Future<Void> revoke(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Future.succeededFuture();
    }
    String key = hash(token);
    return store.transaction(
        tx ->
            tx.get(REFRESH, key)
                .map(
                    d -> {
                      if (d != null) {
                        JsonObject o = new JsonObject(d.json()).put("revoked", true);
                        tx.put(REFRESH, key, o.encode());
                      }
                      return null;
                    }));
  }

  /** The SHA-256 of {@code token}, lower-case hex: its document key. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  private String document(String userId) {
    Instant now = clock.instant();
    return new JsonObject()
        .put("userId", userId)
        .put("createdAt", now.toString())
        .put("expiresAt", now.plus(TTL).toString())
        .put("revoked", false)
        .encode();
  }

  private static String fresh() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * A used refresh token's outcome.
   *
   * @param userId whose token it was
   * @param next the refresh token that replaces it
   */
  public record Rotation(String userId, String next) {}
}
