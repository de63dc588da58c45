package io.switchboard.server.gateway;

import io.switchboard.server.ops.GatewayMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's rooms that have at least one local member, by name. A room object exists only while
 * it has members, so memory follows the number of occupied rooms. Thread-safe.
 */
final class LocalRooms {
  private final Map<String, LocalRoom> rooms = new ConcurrentHashMap<>();
  private final int maxBuffered;
  private final GatewayMetrics metrics;
  private final LocalRoom.Resyncer resyncer;

  LocalRooms(int maxBuffered, GatewayMetrics metrics, LocalRoom.Resyncer resyncer) {
    this.maxBuffered = maxBuffered;
    this.metrics = metrics;
    this.resyncer = resyncer;
  }

  /**
   * Adds a buffering member to a room, creating the room on its first member.
   *
   * @return the new member
   */
  LocalRoom.Member join(String room, Connection connection) {
    LocalRoom.Member[] added = new LocalRoom.Member[1];
    rooms.compute(
        room,
        (name, r) -> {
          LocalRoom target = r == null ? new LocalRoom(name, maxBuffered, metrics, resyncer) : r;
          added[0] = target.add(connection);
          return target;
        });
    return added[0];
  }

  /**
   * Removes {@code member} (by identity); drops the room when it empties.
   *
   * @return whether it was still a member
   */
  boolean leave(LocalRoom.Member member) {
    boolean[] removed = new boolean[1];
    rooms.computeIfPresent(
        member.roomName(),
        (name, r) -> {
          removed[0] = r == member.room && r.remove(member);
          return r.isEmpty() ? null : r;
        });
    return removed[0];
  }

  /** The room, or {@code null} when no local connection is in it. */
  LocalRoom get(String room) {
    return rooms.get(room);
  }

  /**
   * The {@code n} rooms with the most local members (ties by name), for the dashboard; costs one
   * pass over the node's occupied rooms.
   */
  java.util.List<RoomLoad> top(int n) {
    return rooms.values().stream()
        .map(LocalRoom::load)
        .sorted(
            java.util.Comparator.comparingInt(RoomLoad::members)
                .reversed()
                .thenComparing(RoomLoad::room))
        .limit(Math.max(0, n))
        .toList();
  }

  /** How many rooms have local members. */
  int count() {
    return rooms.size();
  }
}
