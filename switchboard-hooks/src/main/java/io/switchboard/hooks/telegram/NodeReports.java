package io.switchboard.hooks.telegram;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What {@code /status} reports, cluster-wide: every node running hooks writes its own figures to
 * the store ({@value #COLLECTION}{@code /<node>}) at start and every {@value #PERIOD_MS} ms, and
 * {@code /status} sums the reports younger than {@value #STALE_MS} ms (older ones are nodes gone).
 * A node's figures: {@code connections} ({@code Gateway#connectionCount}), {@code rooms} (the gauge
 * {@code switchboard_rooms}: rooms with a local member), {@code workflows_running} (the counters
 * {@code switchboard_workflows_total}: started minus completed, failed and cancelled on this node
 * since it started; a workflow started on one node and ended on another still sums to zero over the
 * nodes, a node that restarted forgets its share).
 */
public final class NodeReports {
  /** The store collection of the node reports. */
  public static final String COLLECTION = "hooks_nodes";

  /** How often a node reports, milliseconds. */
  public static final long PERIOD_MS = 10_000;

  /** How old a report may be to count, milliseconds. */
  public static final long STALE_MS = 3 * PERIOD_MS;

  private final Store store;
  private final String node;
  private final IntSupplier connections;
  private final MeterRegistry registry;

  /**
   * @param store where reports are written
   * @param node this node's id
   * @param connections this node's open client connections
   * @param registry this node's meters (rooms, workflows)
   */
  public NodeReports(Store store, String node, IntSupplier connections, MeterRegistry registry) {
    this.store = store;
    this.node = node;
    this.connections = connections;
    this.registry = registry;
  }

  /** This node's figures now. */
  JsonObject local() {
    Gauge rooms = registry.find("switchboard_rooms").gauge();
    return new JsonObject()
        .put("node", node)
        .put("connections", connections.getAsInt())
        .put("rooms", rooms == null ? 0 : (long) rooms.value())
        .put(
            "workflows_running",
            Math.max(
                0,
                workflows("started")
                    - workflows("completed")
                    - workflows("failed")
                    - workflows("cancelled")))
        .put("at", System.currentTimeMillis());
  }

  /** Writes this node's report. */
  public Future<Void> report() {
    String json = local().encode();
    return store.transaction(
        tx -> {
          tx.put(COLLECTION, node, json);
          return Future.succeededFuture();
        });
  }

  /** Deletes this node's report (a node that stops gracefully leaves {@code /status} at once). */
  public Future<Void> remove() {
    return store.transaction(
        tx -> {
          tx.delete(COLLECTION, node);
          return Future.succeededFuture();
        });
  }

  /** The live reports, by node id order (this node's own figures are fresh, not read). */
  public Future<List<JsonObject>> live() {
    long now = System.currentTimeMillis();
    return store
        .list(COLLECTION, null, 1000)
        .map(
            page -> {
              List<JsonObject> out = new ArrayList<>();
              for (Document d : page.documents()) {
                JsonObject j = new JsonObject(d.json());
                if (d.key().equals(node)) {
                  out.add(local());
                } else if (now - j.getLong("at", 0L) < STALE_MS) {
                  out.add(j);
                }
              }
              if (out.stream().noneMatch(j -> node.equals(j.getString("node")))) {
                out.add(local());
              }
              return out;
            });
  }

  private long workflows(String outcome) {
    Counter c = registry.find("switchboard_workflows").tag("outcome", outcome).counter();
    return c == null ? 0 : (long) c.count();
  }
}
