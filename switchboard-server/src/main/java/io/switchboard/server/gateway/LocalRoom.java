package io.switchboard.server.gateway;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.room.Publication;
import io.switchboard.server.ops.GatewayMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of one room on this node, and the join handshake that makes a join consistent
 * with the live stream (SPEC C1 "Join is consistent").
 *
 * <p>A member starts <em>buffering</em>: publications that arrive while its join reads the
 * history are kept. {@link #goLive} then sends {@code joined} and the buffered publications
 * after the joined offset, and switches the member to live delivery; all three happen under the
 * room's lock, so no publication falls between {@code joined} and the live stream and none is
 * sent twice.
 *
 * <p><b>Fan-out.</b> Live members are kept grouped by event loop in copy-on-write arrays, so a
 * publication costs one task per event loop, each writing the same pre-encoded frame to every
 * connection of its array; the publishing thread touches no member. Joins and leaves copy the
 * array of one loop. Thread-safe.
 */
final class LocalRoom {
  private static final Connection[] NONE = new Connection[0];

  private final int maxBuffered;
  private final GatewayMetrics metrics;
  private final Map<Connection, Member> members = new HashMap<>();
  private final List<Member> joining = new ArrayList<>();
  private final List<Group> groups = new ArrayList<>(4);
  private long lastOffset;

  LocalRoom(int maxBuffered, GatewayMetrics metrics) {
    this.maxBuffered = maxBuffered;
    this.metrics = metrics;
  }

  /** Adds a buffering member; {@code null} if the connection is already a member. */
  synchronized Member add(Connection connection) {
    if (members.containsKey(connection)) {
      return null;
    }
    Member m = new Member(connection);
    members.put(connection, m);
    joining.add(m);
    return m;
  }

  /** Removes a member; returns whether it was one. */
  synchronized boolean remove(Connection connection) {
    Member m = members.remove(connection);
    if (m == null) {
      return false;
    }
    if (m.live) {
      Group g = group(connection.context());
      g.live = without(g.live, connection);
    } else {
      joining.remove(m);
    }
    return true;
  }

  synchronized boolean isEmpty() {
    return members.isEmpty();
  }

  /** The member of {@code connection}, or {@code null}. */
  synchronized Member member(Connection connection) {
    return members.get(connection);
  }

  /** The offset of the last publication delivered to the live members (0 before the first). */
  synchronized long lastOffset() {
    return lastOffset;
  }

  /**
   * Delivers one publication, encoded once as {@code frame}: written to live members (one task
   * per event loop), buffered for joining ones (a joining member whose buffer overflows is closed
   * as a slow consumer). Called in offset order by the pub/sub listener.
   */
  synchronized void deliver(Publication publication, ByteBuf frame, int payloadBytes) {
    lastOffset = publication.offset();
    for (int i = 0; i < joining.size(); i++) {
      Member m = joining.get(i);
      if (m.buffered.size() < maxBuffered) {
        m.buffered.add(new Buffered(publication.offset(), frame));
      } else {
        m.connection.close(CloseCode.SLOW_CONSUMER);
      }
    }
    fanOut(frame, payloadBytes, null);
  }

  /** Sends {@code frame} to every live member but connection {@code exceptId} (presence). */
  synchronized void broadcast(ByteBuf frame, int payloadBytes, String exceptId) {
    fanOut(frame, payloadBytes, exceptId);
  }

  private void fanOut(ByteBuf frame, int payloadBytes, String exceptId) {
    Context current = Vertx.currentContext();
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      Connection[] live = g.live;
      if (live.length == 0) {
        continue;
      }
      if (g.context == current) {
        write(live, frame, payloadBytes, exceptId);
      } else {
        g.context.runOnContext(v -> write(live, frame, payloadBytes, exceptId));
      }
    }
  }

  private void write(Connection[] live, ByteBuf frame, int payloadBytes, String exceptId) {
    int written = 0;
    for (Connection c : live) {
      if (exceptId == null || !exceptId.equals(c.id())) {
        c.deliverOnLoop(frame);
        written++;
      }
    }
    metrics.framesOut(written, payloadBytes);
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
    long offset = joinedOffset;
    for (Buffered b : member.buffered) {
      if (b.offset > offset) {
        member.connection.sendWire(b.frame);
        offset = b.offset;
      }
    }
    member.buffered.clear();
    member.live = true;
    joining.remove(member);
    Group g = group(member.connection.context());
    g.live = with(g.live, member.connection);
    return true;
  }

  private Group group(Context context) {
    for (Group g : groups) {
      if (g.context == context) {
        return g;
      }
    }
    Group g = new Group(context);
    groups.add(g);
    return g;
  }

  private static Connection[] with(Connection[] a, Connection c) {
    Connection[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = c;
    return b;
  }

  private static Connection[] without(Connection[] a, Connection c) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == c) {
        Connection[] b = new Connection[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b.length == 0 ? NONE : b;
      }
    }
    return a;
  }

  /** A connection's membership of this room. Guarded by the room's lock. */
  static final class Member {
    final Connection connection;
    final ArrayDeque<Buffered> buffered = new ArrayDeque<>();
    boolean live;

    Member(Connection connection) {
      this.connection = connection;
    }
  }

  /** The live members of one event loop; replaced, never mutated. */
  private static final class Group {
    final Context context;
    volatile Connection[] live = NONE;

    Group(Context context) {
      this.context = context;
    }
  }

  private record Buffered(long offset, ByteBuf frame) {}
}
