package io.switchboard.server.gateway;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one fan-out with one task per event loop instead of one per subscriber: frames are
 * queued on every recipient first, then the connections that need a write are drained together
 * on their event loop (at once for the caller's own loop). With N subscribers on L event loops a
 * publication costs L scheduled tasks, not N. Not thread-safe; used within one delivery.
 */
final class DrainBatch {
  private final Map<Context, List<Connection>> byContext = new IdentityHashMap<>(4);

  /** Queues {@code frame} on {@code connection}, remembering it if it needs a write. */
  void enqueue(Connection connection, byte[] frame) {
    if (connection.enqueue(frame)) {
      byContext.computeIfAbsent(connection.context(), c -> new ArrayList<>()).add(connection);
    }
  }

  /** Drains every remembered connection on its own event loop. */
  void run() {
    Context current = Vertx.currentContext();
    byContext.forEach((context, connections) -> {
      if (context == current) {
        connections.forEach(Connection::drain);
      } else {
        context.runOnContext(v -> connections.forEach(Connection::drain));
      }
    });
  }
}
