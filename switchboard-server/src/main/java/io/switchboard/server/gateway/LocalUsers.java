package io.switchboard.server.gateway;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's connections by user id (seed 001: one user, many tabs). Used to deliver
 * notifications and disconnects addressed to a user. Thread-safe.
 */
final class LocalUsers {
  private final Map<String, Set<Connection>> users = new ConcurrentHashMap<>();

  /** Adds a connection; returns true if it is the user's first on this node. */
  boolean add(String user, Connection connection) {
    boolean[] first = new boolean[1];
    users.compute(user, (u, set) -> {
      Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
      first[0] = s.isEmpty();
      s.add(connection);
      return s;
    });
    return first[0];
  }

  /** Removes a connection; returns true if it was the user's last on this node. */
  boolean remove(String user, Connection connection) {
    boolean[] last = new boolean[1];
    users.computeIfPresent(user, (u, s) -> {
      s.remove(connection);
      last[0] = s.isEmpty();
      return s.isEmpty() ? null : s;
    });
    return last[0];
  }

  /** The user's connections on this node (a snapshot copy; empty if none). */
  Set<Connection> connections(String user) {
    Set<Connection> s = users.get(user);
    return s == null ? Set.of() : Set.copyOf(s);
  }
}
