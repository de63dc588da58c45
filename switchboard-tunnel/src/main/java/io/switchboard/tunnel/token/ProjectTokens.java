package io.switchboard.tunnel.token;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Project tokens of the tunnel (SPEC C4; issue 10 point 3), on the store port (memory or
 * PostgreSQL): a token is {@code sbp_<token id>.<secret>}, 128 random bits of id and 256 of secret;
 * the store keeps only the SHA-256 of the secret (a random 256-bit secret needs no slow hash), as
 * the document {@code tunnel_tokens/<project>/<token id>} {@code {"sha256", "created_at"}}. The
 * token itself is shown once, when issued, and never logged.
 */
public final class ProjectTokens {
  /** The store collection of the token hashes. */
  public static final String COLLECTION = "tunnel_tokens";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int LIST_LIMIT = 1000;

  private final Store store;

  /**
   * @param store where the hashes live
   */
  public ProjectTokens(Store store) {
    this.store = store;
  }

  /**
   * An issued token.
   *
   * @param tokenId the id to revoke it by
   * @param token the token itself, to give the controller; the store does not keep it
   */
  public record Issued(String tokenId, String token) {}

  /**
   * Issues a new token for {@code project}.
   *
   * @return the token; failed if the store is unreachable
   */
  public Future<Issued> issue(String project) {
    String id = HexFormat.of().formatHex(bytes(16));
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    String json =
        new JsonObject()
            .put("sha256", sha256(secret))
            .put("created_at", System.currentTimeMillis())
            .encode();
    return store
        .transaction(
            tx -> {
              tx.put(COLLECTION, key(project, id), json, 0);
              return Future.succeededFuture();
            })
        .map(v -> new Issued(id, "sbp_" + id + "." + secret));
  }

  /**
   * Checks a token presented for {@code project}.
   *
   * @return the token's id if it is a live token of this project, else {@code null}; failed if the
   *     store is unreachable
   */
  public Future<String> verify(String project, String token) {
    int dot = token.indexOf('.');
    if (!token.startsWith("sbp_") || dot < 5 || dot - 4 > 64) {
      return Future.succeededFuture(null);
    }
    String id = token.substring(4, dot);
    byte[] presented = sha256(token.substring(dot + 1)).getBytes(StandardCharsets.US_ASCII);
    return store
        .get(COLLECTION, key(project, id))
        .map(
            doc -> {
              if (doc == null) {
                return null;
              }
              byte[] stored =
                  new JsonObject(doc.json())
                      .getString("sha256")
                      .getBytes(StandardCharsets.US_ASCII);
              return MessageDigest.isEqual(stored, presented) ? id : null;
            });
  }

  /**
   * Revokes a token: its hash is deleted, so no new connection is accepted with it.
   *
   * @return whether it existed; failed if the store is unreachable
   */
  public Future<Boolean> revoke(String project, String tokenId) {
    String key = key(project, tokenId);
    return store
        .get(COLLECTION, key)
        .compose(
            doc ->
                doc == null
                    ? Future.succeededFuture(false)
                    : store
                        .transaction(
                            tx -> {
                              tx.delete(COLLECTION, key);
                              return Future.succeededFuture();
                            })
                        .map(v -> true));
  }

  /**
   * The live tokens of {@code project} (ids and creation times, never hashes), at most 1000.
   *
   * @return {@code [{"token_id", "created_at"}]}; failed if the store is unreachable
   */
  public Future<JsonArray> list(String project) {
    String prefix = project + "/";
    return store
        .list(COLLECTION, prefix, LIST_LIMIT)
        .map(
            page -> {
              JsonArray out = new JsonArray();
              for (Document d : page.documents()) {
                if (!d.key().startsWith(prefix)) {
                  break;
                }
                out.add(
                    new JsonObject()
                        .put("token_id", d.key().substring(prefix.length()))
                        .put("created_at", new JsonObject(d.json()).getLong("created_at")));
              }
              return out;
            });
  }

  private static String key(String project, String tokenId) {
    return project + "/" + tokenId;
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String sha256(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
