package io.switchboard.server.gateway;

import io.netty.buffer.ByteBuf;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.StreamPosition;
import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.server.ops.GatewayMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The members of one room on this node: the join handshake that makes a join consistent with the
 * live stream (SPEC C1 "Join is consistent"), the fan-out, and the resync that keeps each member's
 * stream gap-free when the node misses publications (issue 3: a Redis restart or a pub/sub
 * reconnect).
 *
 * <p><b>Positions.</b> Every member knows the epoch and offset it has reached. A member starts
 * <em>buffering</em>: publications that arrive while its join reads the history are kept. {@link
 * #goLive} sends {@code joined}, then the buffered publications that continue its position, and
 * switches it to live delivery, all under the room's lock, so nothing falls between {@code joined}
 * and the live stream and nothing is sent twice. A live member is written only the publication that
 * follows its position; an older one (already in its {@code joined} history) is skipped.
 *
 * <p><b>Gaps.</b> A publication that does not follow a member's position (a later offset, or
 * another epoch), or an {@link #interrupted} channel, puts the member back to buffering and asks
 * for a resync: the node reads the history once for the room ({@link Resyncer}) and {@link
 * #resynced} sends each waiting member what it missed as plain events when the history still has
 * it, or a fresh {@code joined} with {@code recovered: false} (snapshot and recent history) when it
 * does not. Clients are never silently behind.
 *
 * <p><b>Fan-out.</b> Live members are kept grouped by event loop in copy-on-write arrays, so a
 * publication costs one task per event loop, each writing the same pre-encoded frame to every
 * member of its array. Thread-safe; a member's position is only written on its event loop while it
 * is live, and under the lock otherwise.
 */
final class LocalRoom {
  /** Reads what a resync needs; must complete asynchronously, never inside the caller. */
  interface Resyncer {
    /** Starts reading the room's history, snapshot and presence, then calls {@link #resynced}. */
    void resync(LocalRoom room);
  }

  private static final Member[] NONE = new Member[0];

  private final String name;
  private final int maxBuffered;
  private final GatewayMetrics metrics;
  private final Resyncer resyncer;
  private final Map<Connection, Member> members = new HashMap<>();
  private final List<Member> buffering = new ArrayList<>();
  private final List<Group> groups = new ArrayList<>(4);
  private boolean resyncRunning;
  private boolean resyncAgain;
  private long delivered;

  LocalRoom(String name, int maxBuffered, GatewayMetrics metrics, Resyncer resyncer) {
    this.name = name;
    this.maxBuffered = maxBuffered;
    this.metrics = metrics;
    this.resyncer = resyncer;
  }

  /** The room's name. */
  String name() {
    return name;
  }

  /**
   * Adds a buffering member for {@code connection}, replacing (removing) an older member of the
   * same connection that was not removed yet.
   */
  synchronized Member add(Connection connection) {
    Member old = members.get(connection);
    if (old != null) {
      remove(old);
    }
    Member m = new Member(connection, this);
    members.put(connection, m);
    buffering.add(m);
    return m;
  }

  /**
   * Removes {@code m} if it is still its connection's member here (by identity: a later member of
   * the same connection is left alone); returns whether it was.
   */
  synchronized boolean remove(Member m) {
    if (!members.remove(m.connection, m)) {
      return false;
    }
    if (m.live) {
      m.live = false;
      Group g = group(m.connection.context());
      g.live = without(g.live, m);
    } else {
      buffering.remove(m);
    }
    return true;
  }

  synchronized boolean isEmpty() {
    return members.isEmpty();
  }

  /** The load of this room on this node now: local members, publications delivered so far. */
  synchronized RoomLoad load() {
    return new RoomLoad(name, members.size(), delivered);
  }

  /** The member of {@code connection}, or {@code null}. */
  synchronized Member member(Connection connection) {
    return members.get(connection);
  }

  /**
   * Delivers one publication of stream {@code epoch}, encoded once as {@code frame}: written to
   * live members (one task per event loop), buffered for the others (a member whose buffer
   * overflows is closed as a slow consumer). Called in channel order by the pub/sub listener.
   */
  synchronized void deliver(
      Publication publication, String epoch, ByteBuf frame, int payloadBytes) {
    Buffered b = new Buffered(epoch, publication.offset(), frame);
    delivered++;
    for (int i = 0; i < buffering.size(); i++) {
      Member m = buffering.get(i);
      if (m.buffered.size() < maxBuffered) {
        m.buffered.add(b);
      } else {
        m.connection.close(CloseCode.SLOW_CONSUMER);
      }
    }
    fanOut(frame, payloadBytes, null, b);
  }

  /** Sends {@code frame} to every live member but connection {@code exceptId} (presence). */
  synchronized void broadcast(ByteBuf frame, int payloadBytes, String exceptId) {
    fanOut(frame, payloadBytes, exceptId, null);
  }

  /**
   * The room's channel was interrupted (publications may be lost): every live member is checked
   * against the history, on its own event loop so its position is exact.
   */
  synchronized void interrupted() {
    for (Group g : groups) {
      g.context.runOnContext(
          v -> {
            for (Member m : g.live) {
              lost(m);
            }
          });
    }
  }

  private void fanOut(ByteBuf frame, int payloadBytes, String exceptId, Buffered publication) {
    Context current = Vertx.currentContext();
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      Member[] live = g.live;
      if (live.length == 0) {
        continue;
      }
      if (g.context == current) {
        write(live, frame, payloadBytes, exceptId, publication);
      } else {
        g.context.runOnContext(v -> write(live, frame, payloadBytes, exceptId, publication));
      }
    }
  }

  /** Runs on the members' event loop. */
  private void write(Member[] live, ByteBuf frame, int payloadBytes, String exceptId, Buffered p) {
    int written = 0;
    for (Member m : live) {
      if (!m.live || (exceptId != null && exceptId.equals(m.connection.id()))) {
        continue;
      }
      if (p != null) {
        if (!p.epoch.equals(m.epoch) || p.offset > m.offset + 1) {
          lost(m);
          continue;
        }
        if (p.offset <= m.offset) {
          continue; // already sent in its joined history
        }
        m.offset = p.offset;
      }
      // presence frames come in bursts while a room fills, so they leave with the connection's
      // other frames of this loop pass; publications too with client.writeCoalescing (the default)
      m.connection.deliverOnLoop(frame, p == null);
      written++;
    }
    metrics.framesOut(written, payloadBytes);
  }

  /** A live member missed publications: back to buffering, and a resync is asked for. */
  private synchronized void lost(Member m) {
    if (!m.live || members.get(m.connection) != m) {
      return;
    }
    m.live = false;
    Group g = group(m.connection.context());
    g.live = without(g.live, m);
    m.awaitingResync = true;
    buffering.add(m);
    requestResync();
  }

  /**
   * Completes a join: sends {@code joinedFrame}, then the buffered publications that continue from
   * {@code epoch}/{@code joinedOffset}, then makes the member live (or, if the buffer shows a gap,
   * asks for a resync).
   *
   * @return false if the member left (or was removed) meanwhile; nothing was sent then
   */
  synchronized boolean goLive(Member member, String epoch, long joinedOffset, byte[] joinedFrame) {
    if (members.get(member.connection) != member) {
      return false;
    }
    member.connection.send(joinedFrame);
    member.epoch = epoch;
    member.offset = joinedOffset;
    flush(member);
    member.joined.tryComplete();
    return true;
  }

  /** Sends the member's buffered continuation, then makes it live; on a gap asks for a resync. */
  private void flush(Member m) {
    Buffered b;
    while ((b = m.buffered.peek()) != null) {
      if (b.epoch.equals(m.epoch) && b.offset <= m.offset) {
        m.buffered.poll();
      } else if (b.epoch.equals(m.epoch) && b.offset == m.offset + 1) {
        m.buffered.poll();
        m.connection.sendWire(b.frame);
        m.offset = b.offset;
      } else {
        m.awaitingResync = true; // the rest stays buffered until the resync
        requestResync();
        return;
      }
    }
    m.awaitingResync = false;
    m.live = true;
    buffering.remove(m);
    Group g = group(m.connection.context());
    g.live = with(g.live, m);
  }

  private void requestResync() {
    if (resyncRunning) {
      resyncAgain = true;
    } else {
      resyncRunning = true;
      resyncer.resync(this);
    }
  }

  /**
   * Ends a resync with what the engine read: each member waiting for it gets the publications it
   * missed ({@code recovered}) or a {@code joined} frame without an id and with {@code recovered:
   * false}, then its buffered continuation. A member whose position is past the read waits for the
   * next round.
   */
  synchronized void resynced(HistoryPage page, Snapshot snapshot, PresencePage presence) {
    resyncRunning = false;
    StreamPosition read = page.position();
    Map<Long, ByteBuf> frames = new HashMap<>();
    for (Member m : new ArrayList<>(buffering)) {
      if (!m.awaitingResync) {
        continue;
      }
      if (read.epoch().equals(m.epoch) && m.offset > read.offset()) {
        resyncAgain = true;
        continue;
      }
      JoinedState s =
          JoinState.compose(name, page, snapshot, presence, new StreamPosition(m.epoch, m.offset));
      if (s.recovered()) {
        for (Publication p : s.history()) {
          m.connection.sendWire(
              frames.computeIfAbsent(p.offset(), o -> WireFrames.text(Frames.event(p), true)));
        }
      } else {
        m.connection.send(Frames.joined(null, s));
      }
      metrics.resynced(s.recovered());
      m.epoch = s.epoch();
      m.offset = s.offset();
      flush(m);
    }
    if (resyncAgain) {
      resyncAgain = false;
      requestResync();
    }
  }

  /**
   * Ends a resync that could not read the engine: the waiting members' connections are closed with
   * 1013, so their clients reconnect and recover with {@code since} (SPEC C1).
   */
  synchronized void resyncFailed() {
    resyncRunning = false;
    resyncAgain = false;
    for (Member m : new ArrayList<>(buffering)) {
      if (m.awaitingResync) {
        m.connection.close(CloseCode.UNAVAILABLE);
      }
    }
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

  private static Member[] with(Member[] a, Member m) {
    Member[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = m;
    return b;
  }

  private static Member[] without(Member[] a, Member m) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == m) {
        Member[] b = new Member[a.length - 1];
        System.arraycopy(a, 0, b, 0, i);
        System.arraycopy(a, i + 1, b, i, a.length - i - 1);
        return b.length == 0 ? NONE : b;
      }
    }
    return a;
  }

  /**
   * A connection's membership of this room and the stream position it has reached. One join makes
   * one member; a leave and a later join of the same room make another, so what a join acquired
   * (its subscription reference, its {@code joined} reply) is released by exactly that member.
   */
  static final class Member {
    final Connection connection;
    final LocalRoom room;
    final ArrayDeque<Buffered> buffered = new ArrayDeque<>();
    final Promise<Void> joined = Promise.promise();
    final AtomicBoolean released = new AtomicBoolean();
    volatile Future<Void> subscription = Future.failedFuture("not subscribed yet");
    volatile boolean live;
    volatile String epoch = "";
    volatile long offset;
    boolean awaitingResync;

    Member(Connection connection, LocalRoom room) {
      this.connection = connection;
      this.room = room;
    }

    /** The room's name. */
    String roomName() {
      return room.name;
    }

    /** The epoch of the stream position this member has reached. */
    String epoch() {
      return epoch;
    }

    /** The offset this member has reached. */
    long offset() {
      return offset;
    }

    /** Completes when this member's {@code joined} was sent; fails if its join failed. */
    Future<Void> joined() {
      return joined.future();
    }
  }

  /** The live members of one event loop; replaced, never mutated. */
  private static final class Group {
    final Context context;
    volatile Member[] live = NONE;

    Group(Context context) {
      this.context = context;
    }
  }

  private record Buffered(String epoch, long offset, ByteBuf frame) {}
}
