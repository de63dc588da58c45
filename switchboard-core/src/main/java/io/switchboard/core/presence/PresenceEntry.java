package io.switchboard.core.presence;

import java.util.Objects;

/**
 * One connection's membership of a room (SPEC C1 "presence").
 *
 * @param connection the connection id, unique across the cluster
 * @param user the user id, or {@code null} for an anonymous connection
 * @param node the id of the gateway node holding the connection
 * @param joinedAt when the connection joined, epoch milliseconds
 */
public record PresenceEntry(String connection, String user, String node, long joinedAt) {
  public PresenceEntry {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(node, "node");
  }
}
