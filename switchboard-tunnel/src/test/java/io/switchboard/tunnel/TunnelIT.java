package io.switchboard.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.server.testing.TestNode;
import io.switchboard.tunnel.testing.TestController;
import io.switchboard.tunnel.testing.TunnelNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed-000 interface on one node of the memory engine (SPEC C4; issue 10 points 1–3, 6): a
 * round trip, a controller's error passed through, 503 without a controller, 504 on timeout, 400s,
 * 401 without the API key, 413, a controller that goes away mid-request, spoofed replies refused,
 * tokens checked and revoked, a duplicate {@code connection_id} replacing the first.
 */
class TunnelIT {
  static TunnelNode node;

  @BeforeAll
  static void start() {
    node =
        TunnelNode.start(
            MemoryEngine.ports(), TunnelConfig.DEFAULT.withRequestTimeout(Duration.ofSeconds(30)));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String project() {
    return "p-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String code(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  @Test
  void aRequestReachesTheControllerAndItsReplyComesBack() {
    String p = project();
    try (TestController c = node.controller(p, "c1").replying(TestController::echo)) {
      HttpResponse<Buffer> r = node.send(p, "worker:list", new JsonObject().put("page", 2));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      JsonObject reply = r.bodyAsJsonObject();
      assertThat(reply.getString("id")).isNotBlank();
      assertThat(reply.getString("project_id")).isEqualTo(p);
      assertThat(reply.getString("type")).isEqualTo("worker:list");
      assertThat(reply.getJsonObject("data")).isEqualTo(new JsonObject().put("page", 2));
      assertThat(reply.containsKey("error")).isFalse();
    }
  }

  @Test
  void aControllerConnectingAndLeavingEmitsOneSignalEach() {
    String p = project();
    java.util.List<io.switchboard.server.signal.Signal> seen =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    Runnable off =
        node.node
            .server
            .signals()
            .subscribe(
                s -> {
                  if (s.subject().equals(p)) {
                    seen.add(s);
                  }
                });
    try {
      try (TestController c = node.controller(p, "c1")) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
        assertThat(seen.get(0).type()).isEqualTo("agent.connected");
        assertThat(seen.get(0).data().getString("connection")).isEqualTo("c1");
        assertThat(seen.get(0).data().getString("node")).isEqualTo(node.node.server.node());
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
      assertThat(seen.get(1).type()).isEqualTo("agent.disconnected");
      assertThat(seen.get(1).data().getString("project")).isEqualTo(p);
      assertThat(seen.get(1).id()).isNotEqualTo(seen.get(0).id());
      // a second connect of the same connection id gets a signal id of its own
      try (TestController again = node.controller(p, "c1")) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
        assertThat(seen.get(2).id()).isNotIn(seen.get(0).id(), seen.get(1).id());
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 4);
      assertThat(seen.stream().map(io.switchboard.server.signal.Signal::type))
          .containsExactly(
              "agent.connected", "agent.disconnected", "agent.connected", "agent.disconnected");
    } finally {
      off.run();
    }
  }

  /** The dashboard's tunnel projects with their agents (issue 12 point 2). */
  @Test
  void aProjectsAgentsAreAGaugeWhileConnected() {
    String p = project();
    String series = "switchboard_tunnel_project_controllers{project=\"" + p + "\"}";
    try (TestController a = node.controller(p, "c1").replying(TestController::echo);
        TestController b = node.controller(p, "c2").replying(TestController::echo)) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(5))
          .ignoreExceptions() // absent until the next refresh
          .until(() -> node.node.metric(series) == 2.0);
    }
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> !node.node.metrics().contains(series));
  }

  @Test
  void aControllersErrorIsPassedThrough() {
    String p = project();
    try (TestController c =
        node.controller(p, "c1")
            .replying(
                q ->
                    TestController.echo(q)
                        .put("data", null)
                        .put(
                            "error",
                            new JsonObject().put("code", "busy").put("message", "try later")))) {
      HttpResponse<Buffer> r = node.send(p, "x", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getJsonObject("error"))
          .isEqualTo(new JsonObject().put("code", "busy").put("message", "try later"));
    }
  }

  @Test
  void noControllerIs503AtOnce() {
    long start = System.nanoTime();
    HttpResponse<Buffer> r = node.send(project(), "x", null);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(code(r)).isEqualTo("no_controller");
    // the timeout is 30 s: an answer this early did not wait for it
    assertThat(millis).isLessThan(5_000);
  }

  @Test
  void aSilentControllerGets504AfterTheTimeout() {
    try (TunnelNode quick =
        TunnelNode.start(
            MemoryEngine.ports(),
            TunnelConfig.DEFAULT.withRequestTimeout(Duration.ofMillis(300)))) {
      String p = project();
      try (TestController c = quick.controller(p, "c1")) {
        HttpResponse<Buffer> r = quick.send(p, "slow", null);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(code(r)).isEqualTo("timeout");
        assertThat(c.nextRequest().getString("type")).isEqualTo("slow");
      }
    }
  }

  @Test
  void badInputIs400AndNamesTheProblem() {
    HttpResponse<Buffer> notJson =
        TestNode.await(node.api(HttpMethod.POST, "/event/send", Buffer.buffer("{not json")));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(code(notJson)).isEqualTo("bad_request");
    HttpResponse<Buffer> noProject =
        TestNode.await(
            node.api(HttpMethod.POST, "/event/send", new JsonObject().put("type", "x").toBuffer()));
    assertThat(noProject.statusCode()).isEqualTo(400);
    assertThat(noProject.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .contains("project_id");
    HttpResponse<Buffer> noType =
        TestNode.await(
            node.api(
                HttpMethod.POST,
                "/event/send",
                new JsonObject().put("project_id", "p").toBuffer()));
    assertThat(noType.statusCode()).isEqualTo(400);
    assertThat(noType.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .contains("type");
    HttpResponse<Buffer> array =
        TestNode.await(node.api(HttpMethod.POST, "/event/send", Buffer.buffer("[1,2]")));
    assertThat(array.statusCode()).isEqualTo(400);
  }

  @Test
  void sendNeedsTheApiKeyAndBoundsTheBody() {
    HttpResponse<Buffer> noKey =
        TestNode.await(
            node.http
                .request(HttpMethod.POST, node.port(), "127.0.0.1", "/event/send")
                .sendJsonObject(new JsonObject().put("project_id", "p").put("type", "x")));
    assertThat(noKey.statusCode()).isEqualTo(401);
    String big = "x".repeat(TunnelConfig.DEFAULT.maxMessageBytes() + 1);
    HttpResponse<Buffer> tooBig = node.send("p", "x", big);
    assertThat(tooBig.statusCode()).isEqualTo(413);
  }

  @Test
  void aControllerThatGoesAwayFailsItsRequestsAtOnceAndTheyAreNotSentAgain() {
    String p = project();
    TestController first = node.controller(p, "c1");
    Future<HttpResponse<Buffer>> pending = node.sendAsync(p, "job", new JsonObject().put("n", 1));
    JsonObject received = first.nextRequest();
    try (TestController second = node.controller(p, "c2")) {
      first.kill();
      HttpResponse<Buffer> r = TestNode.await(pending); // the timeout is 30 s
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(code(r)).isEqualTo("controller_disconnected");
      assertThat(r.bodyAsJsonObject().getString("id")).isEqualTo(received.getString("id"));
      assertThat(second.requests).as("never delivered twice").isEmpty();
      second.replying(TestController::echo);
      assertThat(node.send(p, "next", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aReplyIsTakenOnlyFromTheConnectionThatWasSentTheId() {
    String p = project();
    String other = project();
    try (TestController owner = node.controller(p, "owner");
        TestController sibling = node.controller(p, "sibling");
        TestController stranger = node.controller(other, "stranger")) {
      owner.replying(q -> null); // queue, do not answer
      sibling.replying(q -> null);
      Future<HttpResponse<Buffer>> pending = node.sendAsync(p, "job", null);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> owner.requests.size() + sibling.requests.size() == 1);
      TestController sent = owner.requests.isEmpty() ? sibling : owner;
      TestController notSent = sent == owner ? sibling : owner;
      JsonObject request = sent.requests.peek();
      double refusedBefore = refused("unknown_id") + refused("wrong_project");
      JsonObject spoof = TestController.echo(request).put("data", "spoofed");
      stranger.send(spoof); // another project's controller, claiming the project
      stranger.send(spoof.copy().put("project_id", other)); // its own project
      notSent.send(spoof); // the same project, but not sent this id
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> refused("unknown_id") + refused("wrong_project") >= refusedBefore + 3);
      assertThat(pending.isComplete()).isFalse();
      sent.send(TestController.echo(request).put("data", "genuine"));
      HttpResponse<Buffer> r = TestNode.await(pending);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("data")).isEqualTo("genuine");
      sent.send(TestController.echo(request).put("data", "again")); // a duplicate is refused too
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> refused("unknown_id") + refused("wrong_project") >= refusedBefore + 4);
    }
  }

  private static double refused(String reason) {
    try {
      return node.node.metric(
          "switchboard_tunnel_replies_refused_total{reason=\"" + reason + "\"}");
    } catch (AssertionError e) {
      return 0;
    }
  }

  @Test
  void controllersNeedAValidTokenOfTheirProject() {
    String p = project();
    String token = node.issueToken(p).getString("token");
    assertThatThrownBy(
            () ->
                TestNode.await(TestController.connect(node.node.vertx, node.port(), p, "c", null)))
        .hasMessageContaining("401");
    assertThatThrownBy(
            () ->
                TestNode.await(
                    TestController.connect(
                        node.node.vertx,
                        node.port(),
                        p,
                        "c",
                        token.substring(0, token.length() - 2) + "xx")))
        .hasMessageContaining("401");
    assertThatThrownBy(
            () ->
                TestNode.await(
                    TestController.connect(node.node.vertx, node.port(), project(), "c", token)))
        .as("another project's token")
        .hasMessageContaining("401");
    assertThatThrownBy(
            () ->
                TestNode.await(
                    TestController.connect(node.node.vertx, node.port(), p, null, token)))
        .as("no connection_id")
        .hasMessageContaining("400");
    try (TestController c = node.controller(p, "c", token)) {
      assertThat(c.welcome.join().getString("connection_id")).isEqualTo("c");
    }
  }

  @Test
  void aRevokedTokenDisconnectsItsControllersAtOnceAndIsRefusedAfterwards() {
    String p = project();
    JsonObject issued = node.issueToken(p);
    JsonObject other = node.issueToken(p);
    TestController revoked = node.controller(p, "r", issued.getString("token"));
    try (TestController kept = node.controller(p, "k", other.getString("token"))) {
      HttpResponse<Buffer> listed =
          TestNode.await(
              node.api(HttpMethod.GET, "/api/v1/server/projects/" + p + "/tokens", null));
      assertThat(listed.bodyAsJsonObject().getJsonArray("tokens").size()).isEqualTo(2);
      assertThat(listed.bodyAsString()).doesNotContain(issued.getString("token"));
      HttpResponse<Buffer> r =
          TestNode.await(
              node.api(
                  HttpMethod.DELETE,
                  "/api/v1/server/projects/" + p + "/tokens/" + issued.getString("token_id"),
                  null));
      assertThat(r.statusCode()).isEqualTo(204);
      assertThat(TestNode.await(Future.fromCompletionStage(revoked.closeCode)))
          .isEqualTo((short) 4003);
      assertThatThrownBy(
              () ->
                  TestNode.await(
                      TestController.connect(
                          node.node.vertx, node.port(), p, "r", issued.getString("token"))))
          .hasMessageContaining("401");
      kept.replying(TestController::echo);
      assertThat(node.send(p, "still", null).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> again =
          TestNode.await(
              node.api(
                  HttpMethod.DELETE,
                  "/api/v1/server/projects/" + p + "/tokens/" + issued.getString("token_id"),
                  null));
      assertThat(again.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aSecondConnectionWithTheSameIdReplacesTheFirst() {
    String p = project();
    String token = node.issueToken(p).getString("token");
    TestController first = node.controller(p, "same", token);
    try (TestController second = node.controller(p, "same", token)) {
      assertThat(TestNode.await(Future.fromCompletionStage(first.closeCode)))
          .isEqualTo((short) 4009);
      second.replying(TestController::echo);
      for (int i = 0; i < 5; i++) {
        assertThat(node.send(p, "x", i).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void severalControllersShareTheLoadAndEveryRequestIsAnsweredOnce() {
    String p = project();
    List<String> seenByA = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> seenByB = java.util.Collections.synchronizedList(new ArrayList<>());
    try (TestController a =
            node.controller(p, "a")
                .replying(
                    q -> {
                      seenByA.add(q.getString("id"));
                      return TestController.echo(q);
                    });
        TestController b =
            node.controller(p, "b")
                .replying(
                    q -> {
                      seenByB.add(q.getString("id"));
                      return TestController.echo(q);
                    })) {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        calls.add(node.sendAsync(p, "n", i));
      }
      TestNode.await(Future.all(calls));
      java.util.Set<Integer> answered = new java.util.HashSet<>();
      for (Future<HttpResponse<Buffer>> f : calls) {
        HttpResponse<Buffer> r = f.result();
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        answered.add(r.bodyAsJsonObject().getInteger("data"));
      }
      assertThat(answered).hasSize(1000);
      assertThat(seenByA.size() + seenByB.size()).isEqualTo(1000);
      assertThat(new java.util.HashSet<>(seenByA)).doesNotContainAnyElementsOf(seenByB);
      assertThat(seenByA).isNotEmpty();
      assertThat(seenByB).isNotEmpty();
    }
  }
}
