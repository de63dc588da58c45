package io.switchboard.dashboard.feed;

import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.config.DashboardConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this node's stats frame ({@link StatsSampler}) to room {@value #ROOM} as event {@code
 * stats}, from the server ({@code from: null}), every {@code dashboard.period}; the engines'
 * readiness is asked once per period and the frame carries the last answer. Keeps the latest frame
 * for {@code GET /api/v1/dashboard/overview}.
 */
public final class StatsFeed {
  /** The room every node publishes its stats frame to. */
  public static final String ROOM = DashboardConfig.NAMESPACE + ":metrics";

  private static final Logger LOG = LoggerFactory.getLogger(StatsFeed.class);

  private final CapabilityContext node;
  private final StatsSampler sampler;
  private final NamespaceConfig policy;
  private volatile JsonObject latest;
  private volatile boolean ready;
  private long timer = -1;

  /**
   * @param node the node
   * @param policy the policy of namespace {@code sys}
   */
  public StatsFeed(CapabilityContext node, NamespaceConfig policy) {
    this.node = node;
    this.policy = policy;
    DashboardConfig c = node.config().dashboard();
    this.sampler =
        new StatsSampler(
            node.node(),
            node.metrics().registry(),
            node.gateway()::topRooms,
            c.topRooms(),
            System.currentTimeMillis());
    this.latest = sampler.sample(System.currentTimeMillis(), false);
  }

  /** Starts the periodic frame. */
  public void start() {
    timer = node.vertx().setPeriodic(node.config().dashboard().period().toMillis(), t -> tick());
  }

  /** The latest frame (the first one, with zero rates, before the first period ends). */
  public JsonObject latest() {
    return latest;
  }

  /**
   * The latest frame of every node that published to {@value #ROOM} within its history (10 frames
   * for 30 s by default: enough for as many nodes), this node's own latest one included.
   *
   * @return one frame per node, by node id; this node's alone if the history is unreadable
   */
  public Future<JsonArray> cluster() {
    return node.ports()
        .history()
        .read(ROOM, 0)
        .map(
            page -> {
              Map<String, JsonObject> byNode = new TreeMap<>();
              for (Publication p : page.publications()) {
                if ("stats".equals(p.event())) {
                  JsonObject f = new JsonObject(p.data());
                  byNode.merge(
                      f.getString("node"),
                      f,
                      (a, b) -> a.getLong("ts", 0L) >= b.getLong("ts", 0L) ? a : b);
                }
              }
              byNode.put(node.node(), latest);
              return new JsonArray(new ArrayList<>(byNode.values()));
            })
        .otherwise(e -> new JsonArray().add(latest));
  }

  private void tick() {
    node.ports().ready().onComplete(ar -> ready = ar.succeeded());
    JsonObject frame = sampler.sample(System.currentTimeMillis(), ready);
    latest = frame;
    node.publisher()
        .publish(ROOM, policy, new PublicationDraft("stats", frame.encode(), null))
        .onFailure(e -> LOG.debug("stats frame not published: {}", e.toString()));
  }

  /** Stops the timer. */
  public void stop() {
    if (timer >= 0) {
      node.vertx().cancelTimer(timer);
    }
  }
}
