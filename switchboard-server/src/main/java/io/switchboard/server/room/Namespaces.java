package io.switchboard.server.room;

import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.RoomName;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.config.Access;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.json.JsonArray;
import java.util.HashMap;
import java.util.Map;

/**
 * Room policy by namespace (SPEC C1 "Rooms"): resolves a room name to its namespace's configuration
 * and decides who may join and publish.
 */
public final class Namespaces {
  private final Map<String, NamespaceConfig> byName;
  private final Map<String, HistoryOptions> history = new HashMap<>();

  /**
   * Builds the policy table from configuration; immutable afterwards, so thread-safe.
   *
   * @param namespaces policy by namespace name ({@code namespaces.*}), validated
   */
  public Namespaces(Map<String, NamespaceConfig> namespaces) {
    this.byName = Map.copyOf(namespaces);
    namespaces.forEach(
        (name, ns) -> history.put(name, new HistoryOptions(ns.historySize(), ns.historyTtl())));
  }

  /**
   * The outcome of resolving a room: either its policy or the error to answer.
   *
   * @param config the namespace policy, or {@code null} with an error
   * @param error why the room is not usable ({@link ErrorCode#INVALID_ROOM} or {@link
   *     ErrorCode#UNKNOWN_NAMESPACE}), or {@code null}
   * @param message a human-readable reason, or {@code null} without an error
   */
  public record Resolved(NamespaceConfig config, ErrorCode error, String message) {}

  /**
   * Resolves a room without throwing (the reserved {@code user:} namespace is refused).
   *
   * @param room the room name as given; may be null or malformed
   * @return the policy, or {@code invalid_room} / {@code unknown_namespace} with the reason
   */
  public Resolved resolve(String room) {
    if (!RoomName.isValid(room)) {
      return new Resolved(
          null,
          ErrorCode.INVALID_ROOM,
          "room must be namespace:name (letters, digits, _ - . : @ = /), at most "
              + RoomName.MAX_LENGTH
              + " characters");
    }
    String ns = RoomName.namespace(room);
    if (RoomName.USER_NAMESPACE.equals(ns)) {
      return new Resolved(null, ErrorCode.INVALID_ROOM, "the user: namespace is reserved");
    }
    NamespaceConfig config = byName.get(ns);
    if (config == null) {
      return new Resolved(
          null, ErrorCode.UNKNOWN_NAMESPACE, "namespace '" + ns + "' is not configured");
    }
    return new Resolved(config, null, null);
  }

  /**
   * Resolves a room for a request (the WebSocket commands, the server API).
   *
   * @param room the room name as given
   * @return the namespace policy
   * @throws RequestException {@code invalid_room} or {@code unknown_namespace}, with the reason
   */
  public NamespaceConfig require(String room) {
    Resolved r = resolve(room);
    if (r.error() != null) {
      throw new RequestException(r.error(), r.message());
    }
    return r.config();
  }

  /** Every namespace's policy, unmodifiable, in no particular order. */
  public java.util.Collection<NamespaceConfig> all() {
    return byName.values();
  }

  /**
   * The history options of a resolved room's namespace.
   *
   * @param room a valid room name
   * @return its namespace's size and TTL; {@code null} for an unknown namespace
   */
  public HistoryOptions historyOf(String room) {
    return history.get(RoomName.namespace(room));
  }

  /**
   * Whether {@code principal} may act on {@code room} under {@code access} ({@link Access}): {@code
   * anyone} always, {@code authenticated} with a user, {@code claim} with a user whose token claim
   * {@code config.claim()} is a JSON array containing {@code room} or {@code namespace:*}, {@code
   * server} never (the server API does not ask).
   *
   * @param access the namespace's {@code join} or {@code publish}
   * @param config the namespace's policy (for the claim name)
   * @param principal the connection's identity
   * @param room a valid room name
   * @return whether it is allowed
   */
  public static boolean allows(
      Access access, NamespaceConfig config, Principal principal, String room) {
    return switch (access) {
      case ANYONE -> true;
      case AUTHENTICATED -> principal.authenticated();
      case CLAIM -> principal.authenticated() && claimGrants(principal, config.claim(), room);
      case SERVER -> false;
    };
  }

  private static boolean claimGrants(Principal principal, String claim, String room) {
    Object value = principal.claims().getValue(claim);
    if (!(value instanceof JsonArray granted)) {
      return false;
    }
    String wildcard = RoomName.namespace(room) + ":*";
    return granted.contains(room) || granted.contains(wildcard);
  }
}
