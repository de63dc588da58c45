package io.switchboard.server.gateway;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * One flush per connection per event-loop pass for presence fan-out, and for publications with
 * {@code client.writeCoalescing} (issue 13) (issue 7: a member of a filling room receives hundreds
 * of presence frames a second; flushed one by one, each cost a {@code send()} system call, a
 * quarter of the node's CPU during a 10k-member join ramp). A fan-out writes a frame without
 * flushing and registers the connection here; the first registration of a pass schedules one task
 * on the event loop, which runs after the fan-out tasks already queued and flushes every registered
 * connection once. So the frames of every queued fan-out leave in one write per connection, and a
 * single fan-out costs one extra task per event loop, not one per member. Confined to its event
 * loop thread (one instance per thread).
 */
final class LoopFlush {
  private static final FastThreadLocal<LoopFlush> LOCAL =
      new FastThreadLocal<>() {
        @Override
        protected LoopFlush initialValue() {
          return new LoopFlush();
        }
      };

  private final List<Connection> pending = new ArrayList<>();

  private LoopFlush() {}

  /** Flushes {@code c} at the end of this loop pass; on {@code c}'s event loop, once per pass. */
  static void later(Connection c) {
    LoopFlush f = LOCAL.get();
    if (f.pending.isEmpty()) {
      c.channel().eventLoop().execute(f::flushAll);
    }
    f.pending.add(c);
  }

  private void flushAll() {
    for (int i = 0; i < pending.size(); i++) {
      pending.get(i).flushNow();
    }
    pending.clear();
  }
}
