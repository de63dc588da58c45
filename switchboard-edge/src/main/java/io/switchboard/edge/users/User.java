package io.switchboard.edge.users;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A user of the edge (SPEC C5; seed 002's auth service), stored as the document {@code
 * edge_users/<id>}.
 *
 * @param id a random UUID, the {@code sub} of the user's tokens
 * @param email as registered (its lower-case form is unique, {@code edge_emails/<email>})
 * @param firstName given name, 1–100 characters
 * @param lastName family name, 1–100 characters
 * @param role {@code user}, {@code admin} or {@code service}; self-registration gives {@code user}
 * @param passwordHash the Argon2id PHC string; never leaves the node ({@link #publicJson})
 * @param createdAt when registered
 * @param updatedAt when last changed (a rehash on login counts)
 */
public record User(
    String id,
    String email,
    String firstName,
    String lastName,
    String role,
    String passwordHash,
    Instant createdAt,
    Instant updatedAt) {
  /** The role every self-registered user gets. */
  public static final String ROLE_USER = "user";

  /**
   * @throws NullPointerException if a component is null
   */
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The roles there are: {@code user}, {@code admin}, {@code service} (SPEC C5; issue 11). */
  public static final java.util.Set<String> ROLES = java.util.Set.of("user", "admin", "service");

  /** A copy with another role, updated at {@code now}. */
  public User withRole(String role, Instant now) {
    return new User(id, email, firstName, lastName, role, passwordHash, createdAt, now);
  }

  /** A copy with another password hash, updated at {@code now}. */
  public User withPasswordHash(String hash, Instant now) {
    return new User(id, email, firstName, lastName, role, hash, createdAt, now);
  }

  /**
   * The user as the API shows it: {@code {id, email, firstName, lastName, role, createdAt,
   * updatedAt}} (ISO-8601 times), never the hash.
   */
  public JsonObject publicJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("firstName", firstName)
        .put("lastName", lastName)
        .put("role", role)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }

  /** The stored document: {@link #publicJson} plus {@code passwordHash}. */
  public String toDocument() {
    return publicJson().put("passwordHash", passwordHash).encode();
  }

  /**
   * @throws RuntimeException if {@code json} is not a stored user
   */
  public static User fromDocument(String json) {
    JsonObject o = new JsonObject(json);
    return new User(
        o.getString("id"),
        o.getString("email"),
        o.getString("firstName"),
        o.getString("lastName"),
        o.getString("role"),
        o.getString("passwordHash"),
        Instant.parse(o.getString("createdAt")),
        Instant.parse(o.getString("updatedAt")));
  }
}
