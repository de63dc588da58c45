package io.switchboard.app.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Gateway nodes as separate processes sharing the real Redis and RabbitMQ (issue 3 point 5), with
 * what tests need to drive them: tokens, WebSocket clients, the server API. Every cluster gets its
 * own Redis prefix and exchange names (the commands' too), and deletes its keys, queues and
 * exchanges when closed. A cluster {@linkplain #withStore started with a store} keeps its events in
 * a PostgreSQL database of its own ({@code engine.store: postgres}), dropped when closed.
 */
final class Cluster implements AutoCloseable {
  static final String SECRET = "cluster-secret-0123456789-abcdefghijkl";
  static final String API_KEY = "cluster-api-key-0123456789";
  static final String PRESENCE_TTL = "3s";

  final String prefix = "sbt" + UUID.randomUUID().toString().substring(0, 8);
  final String feedExchange = prefix + ".feed";
  final String deliveries = prefix + ".deliveries";
  final String commandsExchange = prefix + ".commands";
  final String eventsExchange = prefix + ".events";
  final String workflowsExchange = prefix + ".workflows";

  /** The queue prefix of example workers a test runs against this cluster. */
  final String workersPrefix = prefix + ".workers.";

  static final int SHARDS = 4;
  final String database;
  final List<NodeProcess> nodes = new ArrayList<>();
  final Vertx vertx = Vertx.vertx();
  private final JWTAuth jwt =
      JWTAuth.create(
          vertx,
          new JWTAuthOptions()
              .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));

  private Cluster(String database) {
    this.database = database;
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** Starts {@code n} nodes, one after another, each ready before the next starts. */
  static Cluster start(int n) {
    return start(new Cluster(null), n);
  }

  /**
   * Starts {@code n} nodes on the PostgreSQL store, in a new database {@code sbt_<prefix>} of the
   * local server (a missing server fails the test).
   */
  static Cluster withStore(int n) {
    String database = "sbt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    Postgres.admin("create database " + database);
    return start(new Cluster(database), n);
  }

  private static Cluster start(Cluster c, int n) {
    for (int i = 0; i < n; i++) {
      c.addNode("node-" + (char) ('a' + i));
    }
    return c;
  }

  /** Starts one more node of this cluster and returns it. */
  NodeProcess addNode(String id) {
    return addNode(id, java.util.Map.of());
  }

  /** Starts one more node with {@code SWITCHBOARD_*} environment overrides and returns it. */
  NodeProcess addNode(String id, java.util.Map<String, String> env) {
    NodeProcess node = NodeProcess.start(id, yaml(), env);
    nodes.add(node);
    return node;
  }

  /**
   * Kills node {@code i} (SIGKILL: a crash) and starts it again with the same id and port; returns
   * once the new process is ready.
   */
  NodeProcess restart(int i) {
    NodeProcess old = nodes.get(i);
    old.kill();
    NodeProcess node = NodeProcess.start(old.id, yaml(), java.util.Map.of(), old.port);
    nodes.set(i, node);
    return node;
  }

  /** The configuration every node shares (what an operator would deploy). */
  String yaml() {
    return """
        auth: {hmacSecret: "%s"}
        api: {keys: ["%s"]}
        client: {ratePerSecond: 5000, rateBurst: 10000, heartbeat: 5s}
        engine:
          type: redis
          broker: rabbitmq
          redis: {url: "redis://127.0.0.1:6379", prefix: "%s", presenceTtl: %s}
          rabbitmq: {uri: "amqp://guest:guest@127.0.0.1:5672"}
          %s
        commands: {exchange: "%s", eventsExchange: "%s", shards: %d}
        workflows:
          exchange: "%s"
          timerInterval: 200ms
          definitions:
            product:
              steps:
                - {type: image_processing, service: image-service, timeout: 5m}
                - {type: ai_enhancement, service: llm-service, timeout: 5m}
                - {type: seo_generation, service: llm-service, timeout: 5m}
            quick:
              steps:
                - {type: quick_step, service: quick-service, timeout: 2s, maxRetries: 0}
        outbox: {pollInterval: 500ms, lockTtl: 3s}
        consumer: {enabled: true, queue: "%s.deliveries", exchange: "%s.deliveries", bindingKey: "#"}
        namespaces:
          chat: {historySize: 2000, historyTtl: 5m}
          board: {publish: server, snapshotEvents: [board.update]}
          feed: {historySize: 100, presence: false, presenceEvents: false,
                 forward: {exchange: "%s", routingKey: "feed.{event}"}}
        """
        .formatted(
            SECRET,
            API_KEY,
            prefix,
            PRESENCE_TTL,
            database == null
                ? ""
                : "store: postgres\n  postgres: {url: \"" + Postgres.url(database) + "\"}",
            commandsExchange,
            eventsExchange,
            SHARDS,
            workflowsExchange,
            prefix,
            prefix,
            feedExchange);
  }

  NodeProcess node(int i) {
    return nodes.get(i);
  }

  String token(String user) {
    return jwt.generateToken(
        new JsonObject().put("sub", user), new JWTOptions().setExpiresInSeconds(600));
  }

  /** A client of {@code user} on node {@code i}, after its {@code welcome} from that node. */
  WsClient connect(int i, String user) {
    NodeProcess n = nodes.get(i);
    WsClient c = WsClient.connect(vertx, n.port, token(user));
    String node = c.skipTo("welcome").getJsonObject("data").getString("node");
    if (!n.id.equals(node)) {
      throw new AssertionError("welcome from " + node + ", expected " + n.id);
    }
    return c;
  }

  /** A server-API call on node {@code i}; returns the status code and JSON body. */
  JsonObject api(int i, HttpMethod method, String path, JsonObject body) {
    // the client stays referenced until the answer came: Vert.x 5 closes the pool of a client that
    // became unreachable, which failed a request in flight with "Pool closed" (CI, ChatPageIT)
    io.vertx.core.http.HttpClient http = vertx.createHttpClient();
    return await(
        http.request(
                new RequestOptions()
                    .setMethod(method)
                    .setHost("127.0.0.1")
                    .setPort(nodes.get(i).port)
                    .setURI("/api/v1/server" + path)
                    .putHeader("X-API-Key", API_KEY)
                    .putHeader("Content-Type", "application/json"))
            .compose(r -> r.send(body == null ? Buffer.buffer() : body.toBuffer()))
            .compose(
                r ->
                    r.body()
                        .map(
                            b ->
                                new JsonObject()
                                    .put("status", r.statusCode())
                                    .put("body", b.length() == 0 ? null : b.toJsonObject())))
            .eventually(http::close));
  }

  /** The users in a room's presence, as node {@code i} reads it through the server API. */
  List<String> presence(int i, String room) {
    JsonObject r = api(i, HttpMethod.GET, "/rooms/" + room + "/presence", null);
    if (r.getInteger("status") != 200) {
      throw new AssertionError("presence of " + room + " on node " + i + ": " + r);
    }
    List<String> users = new ArrayList<>();
    r.getJsonObject("body")
        .getJsonArray("presence")
        .forEach(m -> users.add(((JsonObject) m).getString("user")));
    return users;
  }

  /** A connection to the RabbitMQ the nodes use, as a backend has one. */
  static com.rabbitmq.client.Connection rabbit() throws Exception {
    com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    return factory.newConnection();
  }

  @Override
  public void close() {
    nodes.forEach(NodeProcess::close);
    try (var conn = rabbit();
        var ch = conn.createChannel()) {
      ch.queueDelete(deliveries);
      ch.queueDelete(deliveries + ".dlq");
      ch.exchangeDelete(deliveries + ".dlx");
      ch.exchangeDelete(deliveries);
      ch.exchangeDelete(feedExchange);
      for (int k = 0; k < SHARDS; k++) {
        ch.queueDelete(commandsExchange + "." + k);
        ch.queueDelete(commandsExchange + "." + k + ".dlq");
        ch.exchangeDelete(commandsExchange + "." + k + ".dlx");
      }
      ch.exchangeDelete(commandsExchange);
      ch.exchangeDelete(eventsExchange);
      for (String q :
          List.of(
              workflowsExchange + ".completions",
              workersPrefix + "image_processing",
              workersPrefix + "ai_enhancement",
              workersPrefix + "seo_generation")) {
        ch.queueDelete(q);
        ch.queueDelete(q + ".dlq");
        ch.exchangeDelete(q + ".dlx");
      }
      ch.exchangeDelete(workflowsExchange);
    } catch (Exception e) {
      throw new AssertionError("could not delete the cluster's RabbitMQ topology", e);
    }
    try {
      var redis = await(Redis.createClient(vertx, "redis://127.0.0.1:6379").connect());
      String cursor = "0";
      do {
        Response r =
            await(
                redis.send(
                    Request.cmd(Command.SCAN)
                        .arg(cursor)
                        .arg("MATCH")
                        .arg(prefix + "*")
                        .arg("COUNT")
                        .arg(1000)));
        cursor = r.get(0).toString();
        for (Response key : r.get(1)) {
          await(redis.send(Request.cmd(Command.DEL).arg(key.toString())));
        }
      } while (!cursor.equals("0"));
    } finally {
      await(vertx.close());
      if (database != null) {
        Postgres.admin("drop database if exists " + database + " with (force)");
      }
    }
  }
}
