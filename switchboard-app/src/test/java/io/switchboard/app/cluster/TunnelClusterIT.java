package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tunnel on three node processes sharing the real Redis and PostgreSQL, with the real agent
 * (SPEC C4; issue 10 point 6): the agent connected to one node forwards what callers send to the
 * others to a real local HTTP service; a project without an agent is a 503 at once from every node;
 * a node killed (SIGKILL) with its agent is a 503 at once from another node, while the registry
 * still lists it; an agent killed (SIGKILL) mid-request fails its caller on another node at once
 * and the request is not run again; 1000 concurrent requests over two agents on two nodes are each
 * executed exactly once (counted on the local service).
 */
class TunnelClusterIT {
  static Cluster cluster;
  static Vertx vertx;
  static HttpServer service;
  static HttpClient http;

  /** Executions of each request on the local service, by the {@code n} in its body. */
  static final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

  /** Requests to {@code /hold} the service keeps unanswered. */
  static final List<HttpServerRequest> held = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    cluster = Cluster.withStore(3);
    vertx = Vertx.vertx();
    http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(500));
    service =
        Cluster.await(
            vertx
                .createHttpServer()
                .requestHandler(
                    req ->
                        req.body()
                            .onSuccess(
                                b -> {
                                  JsonObject body =
                                      b.length() == 0 ? new JsonObject() : b.toJsonObject();
                                  String n = req.path() + "#" + body.getValue("n");
                                  executions
                                      .computeIfAbsent(n, k -> new AtomicInteger())
                                      .incrementAndGet();
                                  if (req.path().endsWith("/hold")) {
                                    held.add(req);
                                    return;
                                  }
                                  req.response()
                                      .putHeader("Content-Type", "application/json")
                                      .end(body.put("path", req.path()).encode());
                                }))
                .listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (vertx != null) {
      Cluster.await(vertx.close());
    }
  }

  static String project() {
    return "p-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String token(int node, String project) {
    JsonObject r = cluster.api(node, HttpMethod.POST, "/projects/" + project + "/tokens", null);
    assertThat(r.getInteger("status")).as(r.encode()).isEqualTo(201);
    return r.getJsonObject("body").getString("token");
  }

  static String route(String type, String path) {
    return type + "=POST:http://127.0.0.1:" + service.actualPort() + path;
  }

  static Future<JsonObject> send(int node, String project, String type, JsonObject data) {
    JsonObject body =
        new JsonObject().put("project_id", project).put("type", type).put("data", data);
    return http.request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(cluster.node(node).port)
                .setURI("/event/send")
                .putHeader("X-API-Key", Cluster.API_KEY))
        .compose(r -> r.send(body.toBuffer()))
        .compose(
            r ->
                r.body()
                    .map(
                        b ->
                            new JsonObject()
                                .put("status", r.statusCode())
                                .put("body", b.toJsonObject())));
  }

  /** Waits until a ping through node {@code via} reaches an agent of {@code project}. */
  static void awaitAgent(int via, String project) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Cluster.await(send(via, project, "ping", null)).getInteger("status") == 200);
  }

  @Test
  void anAgentOnOneNodeServesCallersOnTheOthers() {
    String p = project();
    try (AgentProcess agent =
        AgentProcess.start(
            "e2e-" + p, cluster.node(0).port, p, token(0, p), route("echo", "/e2e"))) {
      awaitAgent(1, p);
      for (int node : new int[] {1, 2, 0}) {
        JsonObject r =
            Cluster.await(
                send(
                    node,
                    p,
                    "echo",
                    new JsonObject().put("body", new JsonObject().put("n", "x" + node))));
        assertThat(r.getInteger("status")).as(r.encode()).isEqualTo(200);
        JsonObject reply = r.getJsonObject("body");
        assertThat(reply.getString("project_id")).isEqualTo(p);
        assertThat(reply.getString("type")).isEqualTo("echo");
        JsonObject data = reply.getJsonObject("data");
        assertThat(data.getInteger("status")).isEqualTo(200);
        assertThat(data.getJsonObject("body").getString("path")).isEqualTo("/e2e");
        assertThat(data.getJsonObject("body").getString("n")).isEqualTo("x" + node);
        assertThat(executions.get("/e2e#x" + node)).hasValue(1);
      }
    }
  }

  @Test
  void noAgentAnywhereIs503AtOnceFromEveryNode() {
    String p = project();
    for (int node = 0; node < 3; node++) {
      JsonObject r = Cluster.await(send(node, p, "echo", null)); // the timeout is 10 s
      assertThat(r.getInteger("status")).isEqualTo(503);
      assertThat(r.getJsonObject("body").getJsonObject("error").getString("code"))
          .isEqualTo("no_controller");
    }
  }

  @Test
  void aNodeKilledWithItsAgentIs503AtOnceFromAnotherNodeNotATimeout() {
    String p = project();
    String token = token(0, p);
    try (AgentProcess agent =
        AgentProcess.start("crash-" + p, cluster.node(2).port, p, token, route("echo", "/c"))) {
      awaitAgent(1, p);
      cluster.node(2).kill(); // SIGKILL: it stays listed in the registry for tunnel.registryTtl
      JsonObject r = Cluster.await(send(1, p, "echo", new JsonObject())); // else 504 after 10 s
      assertThat(r.getInteger("status")).as(r.encode()).isEqualTo(503);
      assertThat(r.getJsonObject("body").getJsonObject("error").getString("code"))
          .isEqualTo("no_controller");
    } finally {
      cluster.restart(2);
    }
  }

  @Test
  void anAgentKilledMidRequestFailsTheCallerAtOnceAndTheRequestIsNotRunAgain() {
    String p = project();
    String token = token(0, p);
    AgentProcess first =
        AgentProcess.start("kill-" + p, cluster.node(0).port, p, token, route("job", "/kill/hold"));
    awaitAgent(1, p);
    Future<JsonObject> pending =
        send(1, p, "job", new JsonObject().put("body", new JsonObject().put("n", 1)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> executions.containsKey("/kill/hold#1"));
    first.kill();
    JsonObject r = Cluster.await(pending);
    assertThat(r.getInteger("status")).as(r.encode()).isEqualTo(502);
    assertThat(r.getJsonObject("body").getJsonObject("error").getString("code"))
        .isEqualTo("controller_disconnected");
    try (AgentProcess second =
        AgentProcess.start(
            "kill2-" + p, cluster.node(2).port, p, token, route("job", "/kill/hold"))) {
      awaitAgent(1, p);
      assertThat(executions.get("/kill/hold#1")).as("run once, never again").hasValue(1);
    }
    held.forEach(req -> req.response().end("{}"));
  }

  @Test
  void everyRequestOverTwoAgentsOnTwoNodesIsExecutedExactlyOnce() {
    String p = project();
    String token = token(0, p);
    try (AgentProcess a =
            AgentProcess.start("a-" + p, cluster.node(0).port, p, token, route("n", "/a"));
        AgentProcess c =
            AgentProcess.start("c-" + p, cluster.node(2).port, p, token, route("n", "/c"))) {
      awaitAgent(1, p);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Cluster.await(send(0, p, "ping", null)).getInteger("status") == 200
                      && Cluster.await(send(2, p, "ping", null)).getInteger("status") == 200);
      List<Future<JsonObject>> calls = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        calls.add(send(1, p, "n", new JsonObject().put("body", new JsonObject().put("n", p + i))));
      }
      Promise<Void> all = Promise.promise();
      Future.join(calls).onComplete(ar -> all.complete());
      Cluster.await(all.future());
      int viaA = 0;
      int viaC = 0;
      for (int i = 0; i < 1000; i++) {
        JsonObject r = calls.get(i).result();
        assertThat(r.getInteger("status")).as(r.encode()).isEqualTo(200);
        JsonObject body = r.getJsonObject("body").getJsonObject("data").getJsonObject("body");
        assertThat(body.getString("n")).isEqualTo(p + i);
        int onA = executions.getOrDefault("/a#" + p + i, new AtomicInteger()).get();
        int onC = executions.getOrDefault("/c#" + p + i, new AtomicInteger()).get();
        assertThat(onA + onC).as("executions of request " + i).isEqualTo(1);
        viaA += onA;
        viaC += onC;
      }
      assertThat(viaA).as("the agent on node 0 took its share").isPositive();
      assertThat(viaC).as("the agent on node 2 took its share").isPositive();
    }
  }
}
