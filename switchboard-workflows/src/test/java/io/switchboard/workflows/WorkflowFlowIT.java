package io.switchboard.workflows;

import static io.switchboard.workflows.testing.WorkflowsNode.bodies;
import static io.switchboard.workflows.testing.WorkflowsNode.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.config.WorkflowsConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.workflows.testing.WorkflowsNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's whole flow on the memory and the PostgreSQL store (SPEC C3; issue 9 points 1, 2, 4,
 * 8): upload → 202 → {@code workflow.start} and {@code step.image_processing} → HTTP completions →
 * {@code step.completed}, next steps, {@code workflow.completed}, with the frames in the room of a
 * watcher; then duplicate and out-of-order completions, each step dispatched exactly once.
 */
class WorkflowFlowIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void aProductRunsThroughItsThreeStepsWithFramesAndEveryMessageOnce(String store) {
    WorkflowsConfig config = WorkflowsNode.fast();
    try (StorePorts ports = StorePorts.of(store);
        WorkflowsNode node = WorkflowsNode.start(ports.ports, config)) {
      List<BrokerMessage> seen = WorkflowsNode.record(ports.ports, config.exchange());
      List<io.switchboard.server.signal.Signal> signals =
          new java.util.concurrent.CopyOnWriteArrayList<>();
      node.node.server.signals().subscribe(signals::add);
      HttpResponse<Buffer> up =
          node.call(
              io.vertx.core.http.HttpMethod.POST, "/api/v1/workflow/upload", "ann", product("TV"));
      assertThat(up.statusCode()).isEqualTo(202);
      JsonObject accepted = up.bodyAsJsonObject();
      String id = accepted.getString("workflow_id");
      assertThat(accepted.getString("status")).isEqualTo("processing");
      assertThat(accepted.getString("message")).isNotBlank();

      JsonObject wf = node.workflow("ann", id);
      assertThat(wf.getString("product_id")).isNotBlank();
      assertThat(wf.getJsonObject("metadata").getJsonObject("product_data").getString("name"))
          .isEqualTo("TV");
      assertThat(wf.getJsonArray("steps")).hasSize(3);
      assertThat(wf.getJsonArray("steps").getJsonObject(0).getString("type"))
          .isEqualTo("image_processing");
      assertThat(wf.getJsonArray("steps").getJsonObject(0).getString("service_name"))
          .isEqualTo("image-service");
      assertThat(wf.getJsonArray("steps").getJsonObject(0).getString("status"))
          .isEqualTo("processing");
      assertThat(wf.getJsonArray("steps").getJsonObject(0).containsKey("timer")).isFalse();
      assertThat(wf.getInteger("current_step")).isZero();

      try (TestClient watcher = node.connect("ann")) {
        watcher.join("workflow:" + id);
        for (int i = 0; i < 3; i++) {
          HttpResponse<Buffer> done = node.complete(wf, i, true);
          assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
          assertThat(done.bodyAsJsonObject().getBoolean("success")).isTrue();
          JsonObject frame = watcher.skipTo("event");
          assertThat(frame.getString("event")).isEqualTo("step_completed");
          JsonObject data = frame.getJsonObject("data");
          assertThat(data.getString("type")).isEqualTo("step_completed");
          assertThat(data.getString("workflow_id")).isEqualTo(id);
          assertThat(data.getJsonObject("data").getString("step_id"))
              .isEqualTo(wf.getJsonArray("steps").getJsonObject(i).getString("id"));
          assertThat(data.getString("message")).isNotBlank();
          wf = node.workflow("ann", id);
        }
        JsonObject last = watcher.skipTo("event");
        assertThat(last.getString("event")).isEqualTo("workflow_completed");
        assertThat(
                last.getJsonObject("data")
                    .getJsonObject("data")
                    .getJsonObject("workflow")
                    .getString("status"))
            .isEqualTo("completed");
      }
      assertThat(wf.getString("status")).isEqualTo("completed");
      assertThat(wf.getString("completed_at")).isNotNull();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> bodies(seen, "workflow.completed").size() == 1);
      assertThat(bodies(seen, "workflow.start")).hasSize(1);
      for (String step : new String[] {"image_processing", "ai_enhancement", "seo_generation"}) {
        List<JsonObject> dispatched = bodies(seen, "step." + step);
        assertThat(dispatched).hasSize(1);
        JsonObject m = dispatched.get(0);
        assertThat(m.getString("type")).isEqualTo("workflow.next_step");
        assertThat(m.getString("workflow_id")).isEqualTo(id);
        assertThat(m.getString("step_type")).isEqualTo(step);
        assertThat(m.getJsonObject("payload").getJsonObject("step").getString("type"))
            .isEqualTo(step);
        assertThat(m.getJsonObject("payload").getJsonObject("workflow").getString("id"))
            .isEqualTo(id);
        assertThat(m.getString("timestamp")).isNotBlank();
      }
      assertThat(bodies(seen, "step.completed")).hasSize(3);
      assertThat(seen.stream().map(BrokerMessage::messageId).distinct().count())
          .isEqualTo(seen.size());
      assertThat(seen.get(0).messageId()).isEqualTo(id + "-none-workflow.start-0");
      assertThat(node.metric("switchboard_workflows_total{outcome=\"completed\"}")).isEqualTo(1.0);
      assertThat(node.metric("switchboard_workflow_dispatches_total")).isEqualTo(3.0);
      // the end is signalled once, from the transition that committed it (issue 11 point 3)
      String definition = wf.getString("workflow_type");
      assertThat(definition).isNotBlank();
      assertThat(signals)
          .singleElement()
          .satisfies(
              sig -> {
                assertThat(sig.type()).isEqualTo("workflow.completed");
                assertThat(sig.subject()).isEqualTo(id);
                assertThat(sig.user()).isEqualTo("ann");
                assertThat(sig.data().getString("status")).isEqualTo("completed");
                assertThat(sig.data().getString("definition")).isEqualTo(definition);
              });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void duplicateUnknownAndOutOfOrderCompletionsChangeNothing(String store) {
    WorkflowsConfig config = WorkflowsNode.fast();
    try (StorePorts ports = StorePorts.of(store);
        WorkflowsNode node = WorkflowsNode.start(ports.ports, config)) {
      List<BrokerMessage> seen = WorkflowsNode.record(ports.ports, config.exchange());
      String id = node.upload("bob", product("Lamp"));
      JsonObject wf = node.workflow("bob", id);

      // the second step before the first: 409, nothing changes
      HttpResponse<Buffer> early = node.complete(wf, 1, true);
      assertThat(early.statusCode()).isEqualTo(409);
      assertThat(early.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("step_not_current");
      // unknown workflow, unknown step: 404
      JsonObject unknown = WorkflowsNode.completion(wf, 0, true).put("workflow_id", "nope");
      assertThat(
              node.complete(unknown, io.switchboard.server.testing.TestNode.API_KEY).statusCode())
          .isEqualTo(404);
      JsonObject noStep = WorkflowsNode.completion(wf, 0, true).put("step_id", "nope");
      HttpResponse<Buffer> r =
          node.complete(noStep, io.switchboard.server.testing.TestNode.API_KEY);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("step_not_found");
      // the wrong step type: 409
      JsonObject wrongType =
          WorkflowsNode.completion(wf, 0, true).put("step_type", "seo_generation");
      r = node.complete(wrongType, io.switchboard.server.testing.TestNode.API_KEY);
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("step_type_mismatch");
      assertThat(node.workflow("bob", id)).isEqualTo(wf);

      // the first step, twice: the second is a duplicate that changes and publishes nothing
      assertThat(node.complete(wf, 0, true).statusCode()).isEqualTo(200);
      JsonObject after = node.workflow("bob", id);
      r = node.complete(wf, 0, true);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("message")).startsWith("duplicate");
      assertThat(node.workflow("bob", id)).isEqualTo(after);
      // a stale report of the completed step's failure: not current any more
      assertThat(node.complete(wf, 0, false).statusCode()).isEqualTo(409);

      node.complete(after, 1, true);
      node.complete(after, 2, true);
      JsonObject done = node.awaitStatus("bob", id, "completed");
      r = node.complete(done, 2, false);
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("workflow_finished");
      assertThat(node.complete(done, 2, true).statusCode()).isEqualTo(200); // duplicate

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> bodies(seen, "workflow.completed").size() == 1);
      assertThat(bodies(seen, "step.image_processing")).hasSize(1);
      assertThat(bodies(seen, "step.ai_enhancement")).hasSize(1);
      assertThat(bodies(seen, "step.seo_generation")).hasSize(1);
      assertThat(bodies(seen, "step.completed")).hasSize(3);
      assertThat(node.metric("switchboard_workflow_steps_total{outcome=\"duplicate\"}"))
          .isEqualTo(2.0);
    }
  }
}
