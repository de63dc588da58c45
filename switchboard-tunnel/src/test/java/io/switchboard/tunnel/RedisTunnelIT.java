package io.switchboard.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.Ports;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.core.memory.MemoryStore;
import io.switchboard.core.store.Store;
import io.switchboard.engine.redis.RedisEngine;
import io.switchboard.engine.redis.RedisEngineOptions;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.server.testing.TestNode;
import io.switchboard.tunnel.controller.Controllers;
import io.switchboard.tunnel.testing.TestController;
import io.switchboard.tunnel.testing.TunnelNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on the real Redis (pub/sub, locks, the registry) sharing one store for the tokens
 * (SPEC C4; issue 10 points 2, 4, 6): the controller on one node, callers on the others; no
 * controller anywhere is a 503 from any node, also when the registry still lists a node whose
 * process died (it is skipped: nothing listens on its channel); a {@code connection_id} reused on
 * another node replaces the older connection (4009); a controller gone mid-request fails the caller
 * on another node at once; a revocation on one node disconnects the controller on another; 1000
 * requests from one node over controllers on the two others are each executed exactly once.
 */
class RedisTunnelIT {
  static final String PREFIX = "sbt" + UUID.randomUUID().toString().substring(0, 8);
  static final Store STORE = new MemoryStore(); // shared: the token hashes every node checks
  static final Vertx VERTX = Vertx.vertx();
  static final List<RedisEngine> ENGINES = new ArrayList<>();
  static TunnelNode a;
  static TunnelNode b;
  static TunnelNode c;

  static TunnelNode node() {
    RedisEngine redis =
        TestNode.await(
            RedisEngine.connect(VERTX, RedisEngineOptions.DEFAULTS.withKeyPrefix(PREFIX)));
    ENGINES.add(redis);
    Ports ports =
        new Ports(
            redis.pubSub(),
            redis.history(),
            redis.presence(),
            redis.snapshots(),
            redis.locks(),
            redis.registry(),
            redis.rateLimits(),
            new MemoryBroker(),
            STORE,
            List.of());
    return TunnelNode.start(ports, TunnelConfig.DEFAULT.withRequestTimeout(Duration.ofSeconds(30)));
  }

  @BeforeAll
  static void start() {
    a = node();
    b = node();
    c = node();
  }

  @AfterAll
  static void stop() {
    for (TunnelNode n : List.of(a, b, c)) {
      n.close();
    }
    ENGINES.forEach(e -> TestNode.await(e.close()));
    TestNode.await(VERTX.close());
  }

  static String project() {
    return "p-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aControllerOnOneNodeAnswersCallersOnTheOthers() {
    String p = project();
    try (TestController ctl = a.controller(p, "c1").replying(TestController::echo)) {
      for (TunnelNode caller : List.of(b, c, a)) {
        HttpResponse<Buffer> r = caller.send(p, "hello", new JsonObject().put("from", "x"));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("project_id")).isEqualTo(p);
        assertThat(r.bodyAsJsonObject().getJsonObject("data").getString("from")).isEqualTo("x");
      }
    }
  }

  @Test
  void noControllerAnywhereIs503FromEveryNode() {
    String p = project();
    for (TunnelNode caller : List.of(a, b, c)) {
      HttpResponse<Buffer> r = caller.send(p, "x", null);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("no_controller");
    }
  }

  @Test
  void aListedNodeWhoseProcessDiedIsSkippedAndAloneIs503NotATimeout() {
    String p = project();
    // a node killed with a controller connected stays listed until its registry entry expires;
    // nothing subscribes to its request channel any more
    TestNode.await(
        ENGINES.get(0).registry().put(Controllers.key(p), "killed-node", Duration.ofMinutes(1)));
    HttpResponse<Buffer> r = b.send(p, "x", null); // the request timeout is 30 s: a 504 otherwise
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
        .isEqualTo("no_controller");
    try (TestController ctl = a.controller(p, "c1").replying(TestController::echo)) {
      for (int i = 0; i < 20; i++) { // both listed, in a random order: every call reaches a
        r = b.send(p, "n", i);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getInteger("data")).isEqualTo(i);
      }
    }
  }

  @Test
  void aConnectionIdReusedOnAnotherNodeReplacesTheOlderConnection() throws Exception {
    String p = project();
    TestController first = a.controller(p, "same");
    Future<HttpResponse<Buffer>> held = c.sendAsync(p, "job", null);
    first.nextRequest(); // in flight on the older connection: it fails when that one is replaced
    try (TestController second = b.controller(p, "same").replying(TestController::echo)) {
      assertThat(first.closeCode.get(20, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo((short) 4009);
      HttpResponse<Buffer> failed = TestNode.await(held);
      assertThat(failed.statusCode()).as(failed.bodyAsString()).isEqualTo(502);
      String onB = second.welcome.get(20, java.util.concurrent.TimeUnit.SECONDS).getString("node");
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  TestNode.await(ENGINES.get(0).registry().members(Controllers.key(p)))
                      .equals(List.of(onB)));
      for (int i = 0; i < 10; i++) {
        HttpResponse<Buffer> r = c.send(p, "n", i);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      }
      assertThat(second.closeCode).isNotDone();
    }
  }

  @Test
  void aControllerGoneMidRequestFailsTheCallerOnAnotherNodeAtOnce() {
    String p = project();
    TestController ctl = a.controller(p, "c1");
    Future<HttpResponse<Buffer>> pending = b.sendAsync(p, "job", null);
    JsonObject request = ctl.nextRequest();
    ctl.kill();
    HttpResponse<Buffer> r = TestNode.await(pending); // the timeout is 30 s
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.bodyAsJsonObject().getString("id")).isEqualTo(request.getString("id"));
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
        .isEqualTo("controller_disconnected");
  }

  @Test
  void aRevocationOnOneNodeDisconnectsTheControllerOnAnother() {
    String p = project();
    JsonObject issued = b.issueToken(p);
    TestController ctl = a.controller(p, "c1", issued.getString("token"));
    HttpResponse<Buffer> r =
        TestNode.await(
            c.api(
                HttpMethod.DELETE,
                "/api/v1/server/projects/" + p + "/tokens/" + issued.getString("token_id"),
                null));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(TestNode.await(Future.fromCompletionStage(ctl.closeCode))).isEqualTo((short) 4003);
  }

  @Test
  void everyRequestIsExecutedExactlyOnceAcrossNodes() {
    String p = project();
    List<Integer> executed = Collections.synchronizedList(new ArrayList<>());
    java.util.function.Function<JsonObject, JsonObject> work =
        q -> {
          executed.add(q.getInteger("data"));
          return TestController.echo(q);
        };
    try (TestController onA = a.controller(p, "a").replying(work);
        TestController onC = c.controller(p, "c").replying(work)) {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        calls.add(b.sendAsync(p, "n", i));
      }
      TestNode.await(Future.all(calls));
      Set<Integer> answered = new HashSet<>();
      for (Future<HttpResponse<Buffer>> f : calls) {
        assertThat(f.result().statusCode()).as(f.result().bodyAsString()).isEqualTo(200);
        answered.add(f.result().bodyAsJsonObject().getInteger("data"));
      }
      assertThat(answered).hasSize(1000);
      assertThat(executed).hasSize(1000);
      assertThat(new HashSet<>(executed)).hasSize(1000);
    }
  }
}
