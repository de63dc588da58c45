package io.switchboard.core.presence;

import java.util.Objects;

/**
 * One connection's membership of a room (SPEC C1 "presence").
 *
 * @param connection the connection id, unique across the cluster ({@code <node>.<sequence in base
 *     36>}, e.g. {@code node-1a2b.3f})
 * @param user the user id, or {@code null} for an anonymous connection
 * @param node the id of the gateway node holding the connection
 * @param joinedAt when the connection joined, epoch milliseconds on that node's clock; orders pages
 *     ({@link PresencePage#cursorOf})
 */
public record PresenceEntry(String connection, String user, String node, long joinedAt) {
  /**
   * @throws NullPointerException if {@code connection} or {@code node} is null
   */
  public PresenceEntry {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(node, "node");
  }
}
