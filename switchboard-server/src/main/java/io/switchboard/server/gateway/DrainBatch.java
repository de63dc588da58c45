package io.switchboard.server.gateway;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one fan-out with one task per event loop instead of one per subscriber: the
 * recipients are grouped by their event loop, and each group is written by one task on that
 * loop (at once for the caller's own loop). With N subscribers on L event loops a publication
 * costs L scheduled tasks, not N, and each write goes straight to the socket when the
 * connection has nothing queued ({@link Connection#deliverOnLoop}). The frame bytes are
 * encoded once and shared. Not thread-safe; used within one delivery.
 */
final class DrainBatch {
  private final List<Context> contexts = new ArrayList<>(4);
  private final List<List<Connection>> groups = new ArrayList<>(4);

  /** Adds a recipient. */
  void add(Connection connection) {
    Context context = connection.context();
    for (int i = 0; i < contexts.size(); i++) {
      if (contexts.get(i) == context) {
        groups.get(i).add(connection);
        return;
      }
    }
    contexts.add(context);
    List<Connection> group = new ArrayList<>();
    group.add(connection);
    groups.add(group);
  }

  /** Writes {@code frame} (a {@link WireFrames} frame) to every recipient, each group on its own loop. */
  void run(ByteBuf frame) {
    Context current = Vertx.currentContext();
    for (int i = 0; i < contexts.size(); i++) {
      Context context = contexts.get(i);
      List<Connection> group = groups.get(i);
      if (context == current) {
        write(group, frame);
      } else {
        context.runOnContext(v -> write(group, frame));
      }
    }
  }

  private static void write(List<Connection> group, ByteBuf frame) {
    for (int i = 0; i < group.size(); i++) {
      group.get(i).deliverOnLoop(frame);
    }
  }
}
