package io.switchboard.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probe's rooms and its fan-out path (issue 13 point 1). Members are kept per event loop: each
 * loop owns a map room → member contexts that only that loop touches, so there are no locks. A
 * publish encodes ONE unmasked server text frame ({@code
 * {"type":"event","room","event","offset","from":null,"data":<verbatim>,"ts"}}, the shape and size
 * of Switchboard's event frame, SPEC C1) and submits one task per loop, which writes a {@code
 * retainedDuplicate()} of it raw (before the WebSocket encoder) to each of that loop's members.
 * With coalescing (the default, as Switchboard's {@code client.writeCoalescing}) each member is
 * flushed once at the end of the loop pass, so the frames of every fan-out queued in that pass
 * leave in one write per member; with {@code -Dprobe.coalesce=false} each frame is flushed at once
 * (one write system call per delivery).
 */
final class ProbeRooms {
  /** Loop → (room → members on that loop); keys fixed at start, inner maps loop-confined. */
  private final Map<EventExecutor, Map<String, List<ChannelHandlerContext>>> byLoop =
      new IdentityHashMap<>();

  private final EventExecutor[] loops;
  private final boolean coalesce =
      Boolean.parseBoolean(System.getProperty("probe.coalesce", "true"));

  /** Loop → members written to in this pass and not flushed yet; loop-confined. */
  private final Map<EventExecutor, Set<ChannelHandlerContext>> unflushed = new IdentityHashMap<>();

  private final ConcurrentHashMap<String, AtomicLong> offsets = new ConcurrentHashMap<>();

  ProbeRooms(EventLoopGroup group) {
    List<EventExecutor> ls = new ArrayList<>();
    for (EventExecutor e : group) {
      ls.add(e);
      byLoop.put(e, new HashMap<>());
      unflushed.put(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
    loops = ls.toArray(EventExecutor[]::new);
  }

  /** Adds a member; call on {@code member}'s event loop. */
  void join(ChannelHandlerContext member, String room) {
    byLoop.get(member.executor()).computeIfAbsent(room, r -> new ArrayList<>()).add(member);
  }

  /** Removes a member; call on {@code member}'s event loop. */
  void leave(ChannelHandlerContext member, String room) {
    Map<String, List<ChannelHandlerContext>> rooms = byLoop.get(member.executor());
    List<ChannelHandlerContext> ms = rooms.get(room);
    if (ms != null && ms.remove(member) && ms.isEmpty()) rooms.remove(room);
  }

  /** The next offset of {@code room}, from 1 (any thread). */
  long nextOffset(String room) {
    return offsets.computeIfAbsent(room, r -> new AtomicLong()).incrementAndGet();
  }

  /**
   * Fans one publication out to every member of {@code room}: {@code data} is {@code
   * src[from..to)}, copied verbatim into the one encoded frame.
   */
  void publish(
      ByteBufAllocator alloc,
      String room,
      String event,
      long offset,
      byte[] src,
      int from,
      int to) {
    byte[] head =
        ("{\"type\":\"event\",\"room\":\""
                + room
                + "\",\"event\":"
                + (event == null ? "null" : "\"" + event + "\"")
                + ",\"offset\":"
                + offset
                + ",\"from\":null,\"data\":")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = (",\"ts\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8);
    int len = head.length + (to - from) + tail.length;
    ByteBuf frame = alloc.directBuffer(len + 10);
    frame.writeByte(0x81); // FIN + text, server frames are not masked
    if (len < 126) {
      frame.writeByte(len);
    } else if (len < 65536) {
      frame.writeByte(126).writeShort(len);
    } else {
      frame.writeByte(127).writeLong(len);
    }
    frame.writeBytes(head).writeBytes(src, from, to - from).writeBytes(tail);
    try {
      for (EventExecutor loop : loops) {
        ByteBuf mine = frame.retain();
        loop.execute(() -> deliver(loop, room, mine));
      }
    } finally {
      frame.release();
    }
  }

  private void deliver(EventExecutor loop, String room, ByteBuf frame) {
    try {
      List<ChannelHandlerContext> ms = byLoop.get(loop).get(room);
      if (ms == null) return;
      if (!coalesce) {
        for (int i = 0, n = ms.size(); i < n; i++) {
          ChannelHandlerContext m = ms.get(i);
          m.writeAndFlush(frame.retainedDuplicate(), m.voidPromise());
        }
        return;
      }
      Set<ChannelHandlerContext> pending = unflushed.get(loop);
      if (pending.isEmpty()) {
        loop.execute(() -> flushAll(pending)); // after the fan-outs already queued in this pass
      }
      for (int i = 0, n = ms.size(); i < n; i++) {
        ChannelHandlerContext m = ms.get(i);
        m.write(frame.retainedDuplicate(), m.voidPromise());
        pending.add(m);
      }
    } finally {
      frame.release();
    }
  }

  private static void flushAll(Set<ChannelHandlerContext> pending) {
    for (ChannelHandlerContext m : pending) {
      m.flush();
    }
    pending.clear();
  }
}
