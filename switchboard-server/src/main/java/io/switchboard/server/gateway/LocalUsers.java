package io.switchboard.server.gateway;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's connections by user id (seed 001: one user, many tabs), at most {@code
 * client.maxConnectionsPerUser} each. Used to deliver notifications and disconnects addressed to a
 * user. Thread-safe.
 */
final class LocalUsers {
  private final Map<String, Set<Connection>> users = new ConcurrentHashMap<>();

  /**
   * Adds a connection of {@code user} unless the user already holds {@code max} on this node
   * ({@code client.maxConnectionsPerUser}, issue 7); atomic per user.
   *
   * @return whether it was added
   */
  boolean add(String user, Connection connection, int max) {
    boolean[] added = {false};
    users.compute(
        user,
        (u, s) -> {
          Set<Connection> set = s == null ? ConcurrentHashMap.newKeySet() : s;
          if (set.size() < max) {
            added[0] =
                set.add(connection); // inside compute, so a concurrent remove cannot drop the set
          }
          return set.isEmpty() ? null : set;
        });
    return added[0];
  }

  /** Removes a connection; the user's entry goes with the last one. */
  void remove(String user, Connection connection) {
    users.computeIfPresent(
        user,
        (u, s) -> {
          s.remove(connection);
          return s.isEmpty() ? null : s;
        });
  }

  /** The user's connections on this node (a snapshot copy; empty if none). */
  Set<Connection> connections(String user) {
    Set<Connection> s = users.get(user);
    return s == null ? Set.of() : Set.copyOf(s);
  }
}
