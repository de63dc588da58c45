package io.switchboard.edge.users;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The users on the store port (SPEC C5; issue 11 point 1), memory or PostgreSQL alike: each user is
 * the document {@code edge_users/<id>} and owns {@code edge_emails/<lower-case email>} ({@code
 * {"userId": id}}). A registration writes both in one transaction with conditional puts (revision
 * 0: must not exist), so of two registrations of one email in any case, on any nodes, exactly one
 * commits.
 */
public final class Users {
  /** The users' collection. */
  public static final String USERS = "edge_users";

  /** The email index's collection. */
  public static final String EMAILS = "edge_emails";

  private final Store store;

  /**
   * @param store the node's store (memory or PostgreSQL)
   */
  public Users(Store store) {
    this.store = store;
  }

  /** The key of {@code email} in the index: its lower-case form (root locale). */
  public static String emailKey(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  /**
   * Stores a new user and its email.
   *
   * @return the user once committed; failed with {@link EmailTakenException} when the email is
   *     registered already, with the store's error otherwise (nothing written then)
   */
  public Future<User> create(User user) {
    return store
        .transaction(
            tx -> {
              tx.put(
                  EMAILS,
                  emailKey(user.email()),
                  new JsonObject().put("userId", user.id()).encode(),
                  0);
              tx.put(USERS, user.id(), user.toDocument(), 0);
              return Future.succeededFuture(user);
            })
        .recover(
            e ->
                e instanceof DocumentConflictException c && EMAILS.equals(c.collection())
                    ? Future.failedFuture(new EmailTakenException())
                    : Future.failedFuture(e));
  }

  /**
   * @return the user with this id and its document revision, or {@code null}
   */
  public Future<Stored> byId(String id) {
    if (id == null || id.isEmpty() || id.length() > 512) {
      return Future.succeededFuture(null);
    }
    return store
        .get(USERS, id)
        .map(d -> d == null ? null : new Stored(User.fromDocument(d.json()), d.revision()));
  }

  /**
   * @return the user registered with {@code email} in any case, or {@code null}
   */
  public Future<Stored> byEmail(String email) {
    return store
        .get(EMAILS, emailKey(email))
        .compose(
            (Document d) ->
                d == null
                    ? Future.succeededFuture(null)
                    : byId(new JsonObject(d.json()).getString("userId")));
  }

  /**
   * Replaces a user's document if it is still at {@code revision} (a rehash on login).
   *
   * @return completes when written; failed with a conflict when someone changed it meanwhile
   */
  public Future<Void> update(User user, long revision) {
    return store.transaction(
        tx -> {
          tx.put(USERS, user.id(), user.toDocument(), revision);
          return Future.<Void>succeededFuture();
        });
  }

  /**
   * A user as read, with the revision its document had.
   *
   * @param user the user
   * @param revision the document's revision, for a conditional {@link #update}
   */
  public record Stored(User user, long revision) {}
}
