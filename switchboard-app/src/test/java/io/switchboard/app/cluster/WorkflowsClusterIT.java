package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.engine.rabbitmq.RabbitEngine;
import io.switchboard.engine.rabbitmq.RabbitEngineOptions;
import io.switchboard.workers.ExampleWorkers;
import io.switchboard.workers.WorkersOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Workflows on node processes sharing the real Redis, RabbitMQ and PostgreSQL (SPEC C3; issue 9
 * point 8): a product uploaded on one node runs through its three steps with the example workers
 * (switchboard-workers, on RabbitMQ, reporting over HTTP to the other node) while the seed's watch
 * socket on the other node sees every frame; two nodes racing on the same completions dispatch
 * every step exactly once (the messages on the exchange are counted); and a node killed
 * mid-workflow leaves its workflows to the others, whose timers fire and whose completions advance
 * them.
 */
class WorkflowsClusterIT {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static JsonObject product(String name) {
    return new JsonObject()
        .put("name", name)
        .put("description", "a " + name)
        .put("images", new JsonArray().add(name.toLowerCase() + ".jpg"))
        .put("category", "Home")
        .put("price", 19.99);
  }

  private static HttpResponse<String> send(HttpRequest.Builder r) {
    try {
      return CLIENT.send(
          r.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("HTTP request failed: " + e, e);
    }
  }

  private static HttpRequest.Builder to(Cluster c, int node, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.node(node).port + path));
  }

  private static String upload(Cluster c, int node, String user, JsonObject body) {
    HttpResponse<String> r =
        send(
            to(c, node, "/api/v1/workflow/upload")
                .header("Authorization", "Bearer " + c.token(user))
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return new JsonObject(r.body()).getString("workflow_id");
  }

  private static JsonObject status(Cluster c, int node, String user, String id) {
    HttpResponse<String> r =
        send(
            to(c, node, "/api/v1/workflow/status?workflow_id=" + id)
                .header("Authorization", "Bearer " + c.token(user)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private static JsonObject awaitStatus(Cluster c, int node, String user, String id, String s) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status(c, node, user, id), wf -> s.equals(wf.getString("status")));
  }

  private static CompletableFuture<HttpResponse<String>> complete(
      Cluster c, int node, JsonObject wf, int step) {
    JsonObject s = wf.getJsonArray("steps").getJsonObject(step);
    JsonObject body =
        new JsonObject()
            .put("workflow_id", wf.getString("id"))
            .put("step_id", s.getString("id"))
            .put("step_type", s.getString("type"))
            .put("success", true)
            .put("result", new JsonObject().put("by", "test"));
    return CLIENT.sendAsync(
        to(c, node, "/api/v1/workflow/step-completed")
            .header("X-API-Key", Cluster.API_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject next(WsClient watch) {
    JsonObject f = watch.poll(20);
    assertThat(f).as("a frame within 20 s").isNotNull();
    return f;
  }

  /** The messages of workflow {@code id} on the exchange, counted by routing key. */
  private static Map<String, Long> messagesOf(Probe probe, String id) {
    return probe.drain().stream()
        .filter(m -> m.body().contains(id))
        .collect(Collectors.groupingBy(Probe.Message::routingKey, Collectors.counting()));
  }

  /**
   * The distinct message ids of workflow {@code id} by routing key: each is one decision (a
   * dispatch, an end), however often the outbox delivered it (at least once: a node killed between
   * a publish and marking it published leaves it to be published again, with the same id).
   */
  private static Map<String, Long> decisionsOf(Probe probe, String id) {
    return probe.drain().stream()
        .filter(m -> m.body().contains(id))
        .collect(
            Collectors.groupingBy(
                Probe.Message::routingKey,
                Collectors.collectingAndThen(
                    Collectors.mapping(Probe.Message::id, Collectors.toSet()),
                    ids -> (long) ids.size())));
  }

  /**
   * The exchange carried each message of a completed product workflow exactly once: no step was
   * dispatched twice, no completion or end published twice.
   */
  private static void assertEveryMessageOnce(Probe probe, String id) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> messagesOf(probe, id).getOrDefault("workflow.completed", 0L) == 1);
    assertThat(messagesOf(probe, id))
        .containsEntry("workflow.start", 1L)
        .containsEntry("step.image_processing", 1L)
        .containsEntry("step.ai_enhancement", 1L)
        .containsEntry("step.seo_generation", 1L)
        .containsEntry("step.completed", 3L)
        .containsEntry("workflow.completed", 1L);
  }

  @Test
  void aProductRunsThroughTheExampleWorkersWhileTheOtherNodeWatchesIt() throws Exception {
    try (Cluster cluster = Cluster.withStore(2);
        Probe probe = Probe.on(cluster.workflowsExchange)) {
      // the workers' queues must exist before the first dispatch (an unbound message is dropped,
      // as for any worker service); each step takes 1 s, so the watch connects before the first
      RabbitEngine rabbit =
          Cluster.await(RabbitEngine.connect(cluster.vertx, RabbitEngineOptions.defaults()));
      ExampleWorkers workers =
          Cluster.await(
              ExampleWorkers.start(
                  cluster.vertx,
                  rabbit.broker(),
                  WorkersOptions.defaults()
                      .withTopology(cluster.workflowsExchange, cluster.workersPrefix)
                      .withHttp(
                          URI.create("http://127.0.0.1:" + cluster.node(1).port), Cluster.API_KEY)
                      .withFaults(Duration.ofSeconds(1), 0)));
      String id;
      try {
        id = upload(cluster, 0, "ann", product("Lamp"));
        try (WsClient watch =
            WsClient.watch(cluster.vertx, cluster.node(1).port, cluster.token("ann"), id)) {
          JsonObject first = next(watch);
          assertThat(first.getString("type")).isEqualTo("workflow_status");
          assertThat(first.getString("workflow_id")).isEqualTo(id);
          List<String> types = new ArrayList<>();
          while (!types.contains("workflow_completed")) {
            JsonObject frame = next(watch);
            assertThat(frame.getString("workflow_id")).isEqualTo(id);
            types.add(frame.getString("type"));
          }
          // the state may already hold the first step if it was sent after that step completed
          assertThat(types).endsWith("step_completed", "step_completed", "workflow_completed");
          assertThat(types)
              .allMatch(t -> t.equals("step_completed") || t.equals("workflow_completed"));
        }
      } finally {
        Cluster.await(workers.stop());
        Cluster.await(rabbit.close());
      }
      JsonObject wf = status(cluster, 0, "ann", id);
      assertThat(wf.getString("status")).isEqualTo("completed");
      assertThat(
              wf.getJsonArray("steps").getJsonObject(2).getJsonObject("result").getString("slug"))
          .isEqualTo("lamp");
      assertEveryMessageOnce(probe, id);
    }
  }

  @Test
  void twoNodesRacingOnTheSameCompletionsDispatchEveryStepOnce() {
    try (Cluster cluster = Cluster.withStore(2);
        Probe probe = Probe.on(cluster.workflowsExchange)) {
      String id = upload(cluster, 0, "bob", product("Desk"));
      for (int step = 0; step < 3; step++) {
        JsonObject wf = status(cluster, 1, "bob", id);
        List<CompletableFuture<HttpResponse<String>>> race = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
          race.add(complete(cluster, k % 2, wf, step));
        }
        List<HttpResponse<String>> answers = race.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(
                answers.stream()
                    .filter(
                        r ->
                            !new JsonObject(r.body()).getString("message").startsWith("duplicate")))
            .as("exactly one completion applied")
            .hasSize(1);
      }
      awaitStatus(cluster, 0, "bob", id, "completed");
      assertEveryMessageOnce(probe, id);
    }
  }

  @Test
  void aKilledNodesWorkflowsTimeOutAndAdvanceOnTheOtherNode() {
    try (Cluster cluster = Cluster.withStore(2);
        Probe probe = Probe.on(cluster.workflowsExchange)) {
      String quick = upload(cluster, 0, "cid", product("Clock").put("workflow_type", "quick"));
      String slow = upload(cluster, 0, "cid", product("Sofa"));
      cluster.node(0).kill();
      // quick's only step times out after 2 s with no retry: node 1's timers fail it
      JsonObject failed = awaitStatus(cluster, 1, "cid", quick, "failed");
      assertThat(failed.getString("error_msg")).containsIgnoringCase("timed out");
      // the product advances by completions sent to node 1
      for (int step = 0; step < 3; step++) {
        JsonObject wf = status(cluster, 1, "cid", slow);
        HttpResponse<String> r = complete(cluster, 1, wf, step).join();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      awaitStatus(cluster, 1, "cid", slow, "completed");
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> decisionsOf(probe, quick).getOrDefault("workflow.failed", 0L) == 1);
      assertThat(decisionsOf(probe, quick)).containsEntry("step.quick_step", 1L);
    }
  }
}
