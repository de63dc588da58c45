package io.switchboard.tunnel.controller;

import io.switchboard.core.registry.Registry;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.server.signal.Signal;
import io.switchboard.server.signal.Signals;
import io.switchboard.tunnel.wire.Relays;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers connected to this node, by project (SPEC C4). While a node holds at least one
 * controller of a project it is listed in the {@link Registry} under {@code tunnel:<project>},
 * refreshed every third of {@code tunnel.registryTtl}, so any node answers "no controller anywhere"
 * (503) from one registry read. A second connection with the same project and {@code connection_id}
 * replaces the first, which is closed with 4009 (documented in docs/tunnel.md); across nodes each
 * accepted controller is announced ({@link Relays.Connected}) and the node holding an older
 * connection with that id closes it the same way ({@link #connectedElsewhere}). Controllers are
 * pinged every {@code tunnel.heartbeat}; one silent for two periods is closed. A controller added
 * emits {@code agent.connected}, one removed {@code agent.disconnected} (once: removal is
 * idempotent), subject the project id, data {@code {project, connection, node}} (issue 11 point 3).
 */
public final class Controllers {
  private static final Logger LOG = LoggerFactory.getLogger(Controllers.class);

  /** Close code of a connection replaced by a newer one with its {@code connection_id}. */
  public static final short REPLACED = 4009;

  /** Close code of a connection whose project token was revoked. */
  public static final short REVOKED = 4003;

  private final Vertx vertx;
  private final Registry registry;
  private final String node;
  private final TunnelConfig config;
  private final BiConsumer<ControllerSocket, Map<String, Object>> lost;
  private final Signals signals;
  private final Consumer<Relays.Connected> announce;
  private final Map<String, List<ControllerSocket>> byProject = new ConcurrentHashMap<>();
  private final Map<String, ControllerSocket> byId = new ConcurrentHashMap<>();
  private long refreshTimer = -1;
  private long heartbeatTimer = -1;

  /**
   * @param vertx for the refresh and heartbeat timers
   * @param registry where the node lists the projects it holds controllers of
   * @param node this node's id, the registry member
   * @param config {@code tunnel.*}
   * @param lost called with a closed controller and the requests it had not answered
   * @param signals where connects and disconnects are emitted
   * @param announce tells the other nodes of a controller accepted here, once the registry lists it
   */
  public Controllers(
      Vertx vertx,
      Registry registry,
      String node,
      TunnelConfig config,
      BiConsumer<ControllerSocket, Map<String, Object>> lost,
      Signals signals,
      Consumer<Relays.Connected> announce) {
    this.vertx = vertx;
    this.registry = registry;
    this.node = node;
    this.config = config;
    this.lost = lost;
    this.signals = signals;
    this.announce = announce;
  }

  /** The key of {@code byId}: one controller per project and {@code connection_id}. */
  private static String id(String project, String connectionId) {
    return project + " " + connectionId;
  }

  /** The registry key of a project's controllers. */
  public static String key(String project) {
    return "tunnel:" + project;
  }

  /** Starts the registry refresh and the heartbeat timers. */
  public void start() {
    refreshTimer =
        vertx.setPeriodic(Math.max(1, config.registryTtl().toMillis() / 3), t -> refresh());
    heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), t -> heartbeat());
  }

  /** Stops the timers, closes every controller (1001) and takes the node out of the registry. */
  public Future<Void> stop() {
    vertx.cancelTimer(refreshTimer);
    vertx.cancelTimer(heartbeatTimer);
    List<String> projects = List.copyOf(byProject.keySet());
    byId.values().forEach(s -> s.close((short) 1001, "server stopping"));
    return Future.join(projects.stream().map(p -> registry.remove(key(p), node)).toList())
        .otherwiseEmpty()
        .mapEmpty();
  }

  /** The projects this node holds controllers of, each with how many (the dashboard's agents). */
  public Map<String, Integer> perProject() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    byProject.forEach((p, list) -> out.put(p, list.size()));
    return out;
  }

  /** How many controllers of {@code project} this node holds. */
  public int count(String project) {
    List<ControllerSocket> list = byProject.get(project);
    return list == null ? 0 : list.size();
  }

  /** How many requests this node's controllers were sent and have not answered. */
  public int inFlight() {
    return byId.values().stream().mapToInt(ControllerSocket::inFlight).sum();
  }

  /** How many controllers this node holds. */
  public int size() {
    return byId.size();
  }

  /**
   * Adds a controller, replacing (and closing) one of the same project and {@code connection_id};
   * lists the node in the registry when it is the project's first here.
   *
   * @return completes when the registry lists the node; failed if the engine is unreachable
   */
  public Future<Void> add(ControllerSocket s) {
    ControllerSocket old = byId.put(id(s.project(), s.connectionId()), s);
    if (old != null) {
      LOG.info(
          "controller {} of project {} replaced by a new connection",
          s.connectionId(),
          s.project());
      signal("agent.disconnected", old); // remove(old) finds the new one under its key
      remove(old);
      old.close(REPLACED, "replaced by a new connection with this connection_id");
    }
    List<ControllerSocket> list =
        byProject.computeIfAbsent(s.project(), p -> new CopyOnWriteArrayList<>());
    list.add(s);
    signal("agent.connected", s);
    return registry
        .put(key(s.project()), node, config.registryTtl())
        .onSuccess(
            v ->
                announce.accept(
                    new Relays.Connected(s.project(), s.connectionId(), node, s.connectedAt())));
  }

  /**
   * Another node accepted a controller with {@code c}'s project and {@code connection_id}. Of two
   * such connections on different nodes the newer stays (accept time, then the greater node id, so
   * both nodes decide alike): when the one here is the older it is closed with 4009 and its
   * requests in flight fail at once (502), as for a duplicate on one node.
   */
  public void connectedElsewhere(Relays.Connected c) {
    ControllerSocket mine = byId.get(id(c.project(), c.connectionId()));
    if (c.node().equals(node) || mine == null) {
      return;
    }
    boolean older =
        mine.connectedAt() < c.at()
            || (mine.connectedAt() == c.at() && node.compareTo(c.node()) < 0);
    if (!older) {
      return; // that node closes its own when it hears of this one
    }
    LOG.info(
        "controller {} of project {} replaced by a new connection on node {}",
        c.connectionId(),
        c.project(),
        c.node());
    remove(mine);
    mine.close(REPLACED, "replaced by a new connection with this connection_id on another node");
  }

  /**
   * Removes a closed controller (idempotent), fails its requests in flight through the {@code lost}
   * callback, and takes the node out of the registry with the project's last one here.
   */
  public void remove(ControllerSocket s) {
    if (byId.remove(id(s.project(), s.connectionId()), s)) {
      signal("agent.disconnected", s);
    }
    boolean[] last = {false};
    byProject.computeIfPresent(
        s.project(),
        (p, list) -> {
          list.remove(s);
          last[0] = list.isEmpty();
          return list.isEmpty() ? null : list;
        });
    Map<String, Object> left = s.drain();
    if (!left.isEmpty()) {
      lost.accept(s, left);
    }
    if (last[0] && count(s.project()) == 0) {
      registry
          .remove(key(s.project()), node)
          .onFailure(e -> LOG.warn("registry not updated for {}: {}", s.project(), e.toString()));
    }
  }

  /** The controller of {@code project} with the fewest requests in flight, or {@code null}. */
  public ControllerSocket pick(String project) {
    List<ControllerSocket> list = byProject.get(project);
    ControllerSocket best = null;
    if (list != null) {
      for (ControllerSocket s : list) {
        if (best == null || s.inFlight() < best.inFlight()) {
          best = s;
        }
      }
    }
    return best;
  }

  /** Closes every controller that connected with token {@code tokenId} of {@code project}. */
  public int revoked(String project, String tokenId) {
    List<ControllerSocket> list = byProject.getOrDefault(project, List.of());
    int n = 0;
    for (ControllerSocket s : list) {
      if (s.tokenId().equals(tokenId)) {
        remove(s);
        s.close(REVOKED, "project token revoked");
        n++;
      }
    }
    return n;
  }

  private void signal(String type, ControllerSocket s) {
    JsonObject data =
        new JsonObject()
            .put("project", s.project())
            .put("connection", s.connectionId())
            .put("node", node);
    String unique = s.connectionId() + " " + System.identityHashCode(s) + " " + System.nanoTime();
    signals.emit(Signal.of(type, s.project(), unique, null, data));
  }

  private void refresh() {
    for (String project : byProject.keySet()) {
      registry
          .put(key(project), node, config.registryTtl())
          .onFailure(e -> LOG.warn("registry refresh failed: {}", e.toString()));
    }
  }

  private void heartbeat() {
    long silent = System.nanoTime() - 2 * config.heartbeat().toNanos();
    for (ControllerSocket s : byId.values()) {
      if (s.lastSeen() < silent) {
        remove(s); // its requests fail now, not after the close handshake times out
        s.close((short) 1011, "heartbeat missed");
      } else {
        s.ws().writePing(Buffer.buffer("hb"));
      }
    }
  }
}
