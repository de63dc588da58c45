package io.switchboard.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.core.snapshot.SnapshotCodec;
import io.switchboard.server.config.ApiConfig;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server API for backends, {@code /health} and {@code /metrics} over real HTTP (SPEC C1 "Server
 * API").
 */
class ServerApiIT {
  static final int MAX_BODY = 1024;
  static final String BASE = "/api/v1/server";
  static TestNode node;
  static WebClient http;

  @BeforeAll
  static void start() {
    node =
        TestNode.start(
            c -> {
              ServerConfig s = c.server();
              return c.withServer(
                  new ServerConfig(
                      s.host(),
                      s.port(),
                      s.eventLoops(),
                      s.shutdownGrace(),
                      MAX_BODY,
                      s.nativeTransport(),
                      s.transport(),
                      s.allowedOrigins(),
                      s.idleTimeout(),
                      s.handshakeTimeout(),
                      s.maxConnections()));
            });
    http = WebClient.create(node.vertx);
  }

  @AfterAll
  static void stop() {
    http.close();
    node.close();
  }

  static HttpResponse<Buffer> call(HttpMethod method, String path, Object body) {
    return call(method, path, body, TestNode.API_KEY);
  }

  /**
   * One request with {@code X-API-Key: key} (none when null); a JsonObject or String body (none
   * when null).
   */
  static HttpResponse<Buffer> call(HttpMethod method, String path, Object body, String key) {
    HttpRequest<Buffer> request = http.request(method, node.port(), "127.0.0.1", path);
    if (key != null) {
      request.putHeader("X-API-Key", key);
    }
    if (body == null) {
      return TestNode.await(request.send());
    }
    String text = body instanceof JsonObject j ? j.encode() : body.toString();
    return TestNode.await(
        request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(text)));
  }

  static String errorCode(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  static void assertAlive(TestClient c) {
    c.assertAlive();
  }

  static JsonObject event(String name, Object data) {
    return new JsonObject().put("event", name).put("data", data);
  }

  // ---- API key -----------------------------------------------------------------------------

  @Test
  void missingApiKeyIs401AndNothingIsPublished() {
    HttpResponse<Buffer> r =
        call(HttpMethod.POST, BASE + "/rooms/chat:nokey/publications", event("e", 1), null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(errorCode(r)).isEqualTo("unauthorized");
    assertThat(TestNode.await(node.ports.history().read("chat:nokey", 0)).position().offset())
        .isZero();
  }

  @Test
  void wrongApiKeyIs401AndTheApikeyAuthorizationSchemeIsAccepted() {
    HttpResponse<Buffer> wrong =
        call(HttpMethod.GET, BASE + "/rooms/chat:key/history", null, "wrong-key-0123456789");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(errorCode(wrong)).isEqualTo("unauthorized");
    HttpResponse<Buffer> prefix =
        call(
            HttpMethod.GET,
            BASE + "/rooms/chat:key/history",
            null,
            TestNode.API_KEY.substring(0, 10));
    assertThat(prefix.statusCode()).isEqualTo(401);
    HttpResponse<Buffer> scheme =
        TestNode.await(
            http.request(HttpMethod.GET, node.port(), "127.0.0.1", BASE + "/rooms/chat:key/history")
                .putHeader("Authorization", "apikey " + TestNode.API_KEY)
                .send());
    assertThat(scheme.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> bearer =
        TestNode.await(
            http.request(HttpMethod.GET, node.port(), "127.0.0.1", BASE + "/rooms/chat:key/history")
                .putHeader("Authorization", "Bearer " + TestNode.API_KEY)
                .send());
    assertThat(bearer.statusCode()).isEqualTo(401);
  }

  @Test
  void noConfiguredApiKeysIs503ApiDisabledEvenWithAKey() {
    try (TestNode closed = TestNode.start(c -> c.withApi(new ApiConfig(List.of())))) {
      WebClient client = WebClient.create(closed.vertx);
      HttpResponse<Buffer> r =
          TestNode.await(
              client
                  .post(closed.port(), "127.0.0.1", BASE + "/rooms/chat:x/publications")
                  .putHeader("X-API-Key", TestNode.API_KEY)
                  .sendJsonObject(event("e", 1)));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(errorCode(r)).isEqualTo("api_disabled");
      assertThat(TestNode.await(closed.ports.history().read("chat:x", 0)).position().offset())
          .isZero();
      assertThat(
              TestNode.await(client.get(closed.port(), "127.0.0.1", "/health").send()).statusCode())
          .isEqualTo(200);
      client.close();
    }
  }

  // ---- rooms -------------------------------------------------------------------------------

  @Test
  void publishIsDeliveredToMembersWithFromNull() {
    try (TestClient member = node.connect("alice")) {
      member.join("chat:api");
      HttpResponse<Buffer> r =
          call(
              HttpMethod.POST,
              BASE + "/rooms/chat:api/publications",
              event("msg", new JsonObject().put("n", 1)));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject())
          .isEqualTo(new JsonObject().put("room", "chat:api").put("offset", 1));
      JsonObject e = member.skipTo("event");
      assertThat(e.getString("room")).isEqualTo("chat:api");
      assertThat(e.getString("event")).isEqualTo("msg");
      assertThat(e.getLong("offset")).isEqualTo(1L);
      assertThat(e.containsKey("from")).isTrue();
      assertThat(e.getValue("from")).isNull();
      assertThat(e.getJsonObject("data")).isEqualTo(new JsonObject().put("n", 1));
      assertThat(
              call(HttpMethod.POST, BASE + "/rooms/chat:api/publications", event("msg", "two"))
                  .bodyAsJsonObject()
                  .getLong("offset"))
          .isEqualTo(2L);
      assertThat(member.skipTo("event").getString("data")).isEqualTo("two");
      assertAlive(member);
    }
  }

  @Test
  void publishToAServerOnlyNamespaceWorksThroughTheApi() {
    try (TestClient member = node.connect("alice")) {
      member.join("news:api");
      HttpResponse<Buffer> r =
          call(
              HttpMethod.POST,
              BASE + "/rooms/news:api/publications",
              event("headline", new JsonObject().put("title", "hello")));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonObject e = member.skipTo("event");
      assertThat(e.getString("event")).isEqualTo("headline");
      assertThat(e.getJsonObject("data").getString("title")).isEqualTo("hello");
      assertThat(e.getValue("from")).isNull();
    }
  }

  @Test
  void publishWithoutEventIs400() {
    HttpResponse<Buffer> r =
        call(
            HttpMethod.POST,
            BASE + "/rooms/chat:noevent/publications",
            new JsonObject().put("data", 1));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("bad_request");
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .contains("'event'");
    assertThat(TestNode.await(node.ports.history().read("chat:noevent", 0)).position().offset())
        .isZero();
  }

  @Test
  void historyListsThePublications() {
    call(HttpMethod.POST, BASE + "/rooms/chat:hist/publications", event("a", 1));
    call(
        HttpMethod.POST,
        BASE + "/rooms/chat:hist/publications",
        event("b", new JsonObject().put("x", true)));
    try (TestClient c = node.connect("alice")) {
      c.join("chat:hist");
      c.publish("chat:hist", "c", "three");
    }
    HttpResponse<Buffer> r = call(HttpMethod.GET, BASE + "/rooms/chat:hist/history", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("room")).isEqualTo("chat:hist");
    assertThat(body.getString("epoch")).isNotBlank();
    assertThat(body.getLong("offset")).isEqualTo(3L);
    JsonArray pubs = body.getJsonArray("publications");
    assertThat(pubs).hasSize(3);
    assertThat(pubs.getJsonObject(0).getString("event")).isEqualTo("a");
    assertThat(pubs.getJsonObject(0).getInteger("data")).isEqualTo(1);
    assertThat(pubs.getJsonObject(0).getValue("from")).isNull();
    assertThat(pubs.getJsonObject(1).getJsonObject("data").getBoolean("x")).isTrue();
    assertThat(pubs.getJsonObject(2).getString("from")).isEqualTo("alice");
    assertThat(pubs.stream().map(o -> ((JsonObject) o).getLong("offset")))
        .containsExactly(1L, 2L, 3L);
    // an empty room has an empty history
    JsonObject empty =
        call(HttpMethod.GET, BASE + "/rooms/chat:never/history", null).bodyAsJsonObject();
    assertThat(empty.getLong("offset")).isZero();
    assertThat(empty.getJsonArray("publications")).isEmpty();
  }

  @Test
  void snapshotPutIsStoredCompressedAndGivenToNewJoiners() {
    call(HttpMethod.POST, BASE + "/rooms/board:snap/publications", event("card.add", 1));
    JsonObject state =
        new JsonObject().put("cards", new JsonArray().add(1).add(2)).put("title", "plan");
    HttpResponse<Buffer> put =
        call(
            HttpMethod.PUT,
            BASE + "/rooms/board:snap/snapshot",
            new JsonObject().put("event", "board.update").put("data", state));
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("room", "board:snap").put("offset", 1));
    HttpResponse<Buffer> get = call(HttpMethod.GET, BASE + "/rooms/board:snap/snapshot", null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put("room", "board:snap")
                .put("event", "board.update")
                .put("offset", 1)
                .put("data", state));
    Snapshot stored = TestNode.await(node.ports.snapshots().get("board:snap"));
    assertThat(stored.encoding()).isEqualTo(SnapshotCodec.ENCODING);
    assertThat(new String(stored.data(), StandardCharsets.ISO_8859_1)).doesNotContain("plan");
    call(HttpMethod.POST, BASE + "/rooms/board:snap/publications", event("card.add", 3));
    try (TestClient joiner = node.connect("bob")) {
      JsonObject data = joiner.join("board:snap").getJsonObject("data");
      JsonObject snapshot = data.getJsonObject("snapshot");
      assertThat(snapshot.getString("event")).isEqualTo("board.update");
      assertThat(snapshot.getLong("offset")).isEqualTo(1L);
      assertThat(snapshot.getJsonObject("data")).isEqualTo(state);
      assertThat(data.getJsonArray("history")).hasSize(1);
      assertThat(data.getJsonArray("history").getJsonObject(0).getLong("offset")).isEqualTo(2L);
      assertThat(data.getLong("offset")).isEqualTo(2L);
      assertAlive(joiner);
    }
    // a snapshot without data is refused
    HttpResponse<Buffer> noData =
        call(
            HttpMethod.PUT,
            BASE + "/rooms/board:snap/snapshot",
            new JsonObject().put("event", "x"));
    assertThat(noData.statusCode()).isEqualTo(400);
    assertThat(
            call(HttpMethod.GET, BASE + "/rooms/board:snap/snapshot", null)
                .bodyAsJsonObject()
                .getJsonObject("data"))
        .isEqualTo(state);
  }

  @Test
  void snapshotOfAnEmptyRoomIs404() {
    HttpResponse<Buffer> r = call(HttpMethod.GET, BASE + "/rooms/board:empty/snapshot", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("not_found");
  }

  @Test
  void presenceListsAConnectedMember() {
    try (TestClient c =
        TestClient.connect(node.vertx, node.port(), "/ws?token=" + node.token("pat"))) {
      String connection = c.expect("welcome").getJsonObject("data").getString("connection");
      c.join("chat:pres");
      HttpResponse<Buffer> r = call(HttpMethod.GET, BASE + "/rooms/chat:pres/presence", null);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonObject body = r.bodyAsJsonObject();
      assertThat(body.getString("room")).isEqualTo("chat:pres");
      assertThat(body.getJsonArray("presence"))
          .containsExactly(
              new JsonObject()
                  .put("user", "pat")
                  .put("connection", connection)
                  .put("node", node.server.node()));
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                call(HttpMethod.GET, BASE + "/rooms/chat:pres/presence", null)
                    .bodyAsJsonObject()
                    .getJsonArray("presence")
                    .isEmpty());
  }

  // ---- users -------------------------------------------------------------------------------

  @Test
  void notificationReachesEveryTabOfTheUserAndNobodyElse() {
    try (TestClient tab1 = node.connect("carol");
        TestClient tab2 = node.connect("carol");
        TestClient other = node.connect("dave")) {
      HttpResponse<Buffer> r =
          call(
              HttpMethod.POST,
              BASE + "/users/carol/notifications",
              event("command.applied", new JsonObject().put("id", 7)));
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject());
      for (TestClient tab : List.of(tab1, tab2)) {
        JsonObject n = tab.expect("notification");
        assertThat(n.getString("event")).isEqualTo("command.applied");
        assertThat(n.getJsonObject("data").getInteger("id")).isEqualTo(7);
      }
      assertAlive(other);
      assertThat(other.pending()).isZero();
      assertAlive(tab1);
      HttpResponse<Buffer> bad =
          call(HttpMethod.POST, BASE + "/users/carol/notifications", new JsonObject());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertAlive(tab2);
      assertThat(tab2.pending()).isZero();
    }
  }

  @Test
  void disconnectClosesEveryConnectionOfTheUserWith4004AndLeavesOthers() {
    try (TestClient tab1 = node.connect("erin");
        TestClient tab2 = node.connect("erin");
        TestClient other = node.connect("frank")) {
      tab1.join("chat:disc");
      other.join("chat:disc");
      HttpResponse<Buffer> r =
          call(
              HttpMethod.POST,
              BASE + "/users/erin/disconnect",
              new JsonObject().put("reason", "banned"));
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(tab1.awaitClose()).isEqualTo((short) 4004);
      assertThat(tab2.awaitClose()).isEqualTo((short) 4004);
      assertAlive(other);
      // the room no longer lists erin
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  call(HttpMethod.GET, BASE + "/rooms/chat:disc/presence", null)
                          .bodyAsJsonObject()
                          .getJsonArray("presence")
                          .size()
                      == 1);
      // a body is optional
      try (TestClient again = node.connect("erin")) {
        assertThat(call(HttpMethod.POST, BASE + "/users/erin/disconnect", null).statusCode())
            .isEqualTo(202);
        assertThat(again.awaitClose()).isEqualTo((short) 4004);
      }
      assertAlive(other);
    }
  }

  // ---- bad requests ------------------------------------------------------------------------

  @Test
  void unknownNamespaceIs404AndBadRoomNamesAre400() {
    HttpResponse<Buffer> r =
        call(HttpMethod.POST, BASE + "/rooms/nope:1/publications", event("e", 1));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(errorCode(r)).isEqualTo("unknown_namespace");
    assertThat(call(HttpMethod.GET, BASE + "/rooms/nope:1/history", null).statusCode())
        .isEqualTo(404);
    HttpResponse<Buffer> reserved =
        call(HttpMethod.POST, BASE + "/rooms/user:bob/publications", event("e", 1));
    assertThat(reserved.statusCode()).isEqualTo(400);
    assertThat(errorCode(reserved)).isEqualTo("invalid_room");
    HttpResponse<Buffer> invalid = call(HttpMethod.GET, BASE + "/rooms/noseparator/history", null);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(errorCode(invalid)).isEqualTo("invalid_room");
    assertThat(call(HttpMethod.GET, "/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJsonBodyIs400() {
    HttpResponse<Buffer> r =
        call(HttpMethod.POST, BASE + "/rooms/chat:malformed/publications", "{\"event\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(errorCode(r)).isEqualTo("bad_request");
    HttpResponse<Buffer> array =
        call(HttpMethod.POST, BASE + "/rooms/chat:malformed/publications", "[1]");
    assertThat(array.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> empty =
        call(HttpMethod.POST, BASE + "/rooms/chat:malformed/publications", "");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(TestNode.await(node.ports.history().read("chat:malformed", 0)).position().offset())
        .isZero();
    assertThat(
            call(HttpMethod.POST, BASE + "/rooms/chat:malformed/publications", event("e", 1))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void bodyOverTheLimitIs413() {
    HttpResponse<Buffer> r =
        call(
            HttpMethod.POST,
            BASE + "/rooms/chat:huge/publications",
            event("e", "x".repeat(MAX_BODY * 2)));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(TestNode.await(node.ports.history().read("chat:huge", 0)).position().offset())
        .isZero();
    assertThat(
            call(HttpMethod.POST, BASE + "/rooms/chat:huge/publications", event("e", "small"))
                .statusCode())
        .isEqualTo(200);
  }

  // ---- health and metrics ------------------------------------------------------------------

  @Test
  void healthAndReadinessAre200WithoutAKey() {
    HttpResponse<Buffer> health = call(HttpMethod.GET, "/health", null, null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("up");
    HttpResponse<Buffer> ready = call(HttpMethod.GET, "/health/ready", null, null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("ready");
  }

  @Test
  void metricsExposeGatewayAndJvmSeries() {
    try (TestClient c = node.connect("alice")) {
      c.sendText("garbage");
      c.expect("error");
      HttpResponse<Buffer> r = call(HttpMethod.GET, "/metrics", null, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("Content-Type")).startsWith("text/plain");
      String text = r.bodyAsString();
      assertThat(text)
          .contains(
              "switchboard_connections ",
              "switchboard_frames_out_total",
              "switchboard_errors_total{code=\"",
              "switchboard_errors_total{code=\"bad_request\"}",
              "jvm_memory_used_bytes");
      assertThat(metric(text, "switchboard_connections")).isGreaterThanOrEqualTo(1.0);
      assertThat(metric(text, "switchboard_errors_total{code=\"bad_request\"}"))
          .isGreaterThanOrEqualTo(1.0);
      assertThat(metric(text, "switchboard_frames_out_total")).isGreaterThanOrEqualTo(2.0);
      assertAlive(c);
    }
  }

  static double metric(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no " + series + " in /metrics");
  }
}
