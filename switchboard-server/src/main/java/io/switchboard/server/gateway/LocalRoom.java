package io.switchboard.server.gateway;

import io.switchboard.core.room.Publication;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of one room on this node, and the join handshake that makes a join consistent
 * with the live stream (SPEC C1 "Join is consistent").
 *
 * <p>A member starts <em>buffering</em>: publications that arrive while its join reads the
 * history are kept. {@link #goLive} then sends {@code joined} and the buffered publications
 * after the joined offset, and switches the member to live delivery; all three happen under the
 * room's lock, so no publication falls between {@code joined} and the live stream and none is
 * sent twice. Thread-safe.
 */
final class LocalRoom {
  private final String name;
  private final int maxBuffered;
  private final Map<Connection, Member> members = new LinkedHashMap<>();

  LocalRoom(String name, int maxBuffered) {
    this.name = name;
    this.maxBuffered = maxBuffered;
  }

  String name() {
    return name;
  }

  /** Adds a buffering member; {@code null} if the connection is already a member. */
  synchronized Member add(Connection connection) {
    if (members.containsKey(connection)) {
      return null;
    }
    Member m = new Member(connection);
    members.put(connection, m);
    return m;
  }

  /** Removes a member; returns whether it was one. */
  synchronized boolean remove(Connection connection) {
    return members.remove(connection) != null;
  }

  synchronized boolean isEmpty() {
    return members.isEmpty();
  }

  synchronized int size() {
    return members.size();
  }

  /** The member of {@code connection}, or {@code null}. */
  synchronized Member member(Connection connection) {
    return members.get(connection);
  }

  /**
   * Delivers one publication, encoded once as {@code frame}, to every member: sent to live
   * members, buffered for joining ones (a joining member whose buffer overflows is closed as a
   * slow consumer). Called in offset order by the pub/sub listener.
   */
  synchronized void deliver(Publication publication, ByteBuf frame) {
    DrainBatch batch = new DrainBatch();
    for (Member m : members.values()) {
      if (m.live) {
        m.offset = publication.offset();
        batch.add(m.connection);
      } else if (m.buffered.size() < maxBuffered) {
        m.buffered.add(new Buffered(publication.offset(), frame));
      } else {
        m.connection.close(CloseCode.SLOW_CONSUMER);
      }
    }
    batch.run(frame);
  }

  /** Sends {@code frame} to every live member but connection {@code exceptId} (presence). */
  synchronized void broadcast(ByteBuf frame, String exceptId) {
    DrainBatch batch = new DrainBatch();
    for (Member m : members.values()) {
      if (m.live && !m.connection.id().equals(exceptId)) {
        batch.add(m.connection);
      }
    }
    batch.run(frame);
  }

  /**
   * Completes a join: sends {@code joinedFrame}, then every buffered publication with offset
   * above {@code joinedOffset}, then makes the member live.
   *
   * @return false if the member left (or was removed) meanwhile; nothing was sent then
   */
  synchronized boolean goLive(Member member, long joinedOffset, byte[] joinedFrame) {
    if (members.get(member.connection) != member) {
      return false;
    }
    member.connection.send(joinedFrame);
    member.offset = joinedOffset;
    for (Buffered b : member.buffered) {
      if (b.offset > member.offset) {
        member.connection.sendWire(b.frame);
        member.offset = b.offset;
      }
    }
    member.buffered.clear();
    member.live = true;
    return true;
  }

  /** A connection's membership of this room. Guarded by the room's lock. */
  static final class Member {
    final Connection connection;
    final ArrayDeque<Buffered> buffered = new ArrayDeque<>();
    boolean live;
    long offset;

    Member(Connection connection) {
      this.connection = connection;
    }
  }

  private record Buffered(long offset, ByteBuf frame) {}
}
