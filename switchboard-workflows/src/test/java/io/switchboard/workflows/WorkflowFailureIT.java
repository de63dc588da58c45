package io.switchboard.workflows;

import static io.switchboard.workflows.testing.WorkflowsNode.bodies;
import static io.switchboard.workflows.testing.WorkflowsNode.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.config.WorkflowDefinitionConfig;
import io.switchboard.server.config.WorkflowStepConfig;
import io.switchboard.server.config.WorkflowsConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.workflows.testing.WorkflowsNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failure, retry and timeout on both stores (SPEC C3; seed 002 requirement 4; issue 9 point 4): a
 * failed step is dispatched again after its backoff and, failing again, fails the workflow — status
 * {@code failed}, {@code workflow.failed} published, {@code workflow_failed} sent, and the
 * completion call answers 200; a step that overruns its timeout does the same without any report; a
 * running workflow can be cancelled.
 */
class WorkflowFailureIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void aFailedStepIsRetriedThenFailsTheWorkflowWithA200(String store) {
    WorkflowsConfig config = WorkflowsNode.fast();
    try (StorePorts ports = StorePorts.of(store);
        WorkflowsNode node = WorkflowsNode.start(ports.ports, config)) {
      List<BrokerMessage> seen = WorkflowsNode.record(ports.ports, config.exchange());
      String id = node.upload("cat", product("Chair"));
      JsonObject wf = node.workflow("cat", id);
      try (TestClient watcher = node.connect("cat")) {
        watcher.join("workflow:" + id);
        HttpResponse<Buffer> first = node.complete(wf, 0, false);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.bodyAsJsonObject().getString("message")).contains("retrying");
        JsonObject failed = watcher.skipTo("event");
        assertThat(failed.getString("event")).isEqualTo("step_failed");
        assertThat(failed.getJsonObject("data").getJsonObject("data").getString("error"))
            .isEqualTo("worker broke");

        // the retry: attempt 2 dispatched after the backoff
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> bodies(seen, "step.image_processing").size() == 2);
        JsonObject retried = node.workflow("cat", id);
        JsonObject step = retried.getJsonArray("steps").getJsonObject(0);
        assertThat(step.getString("status")).isEqualTo("processing");
        assertThat(step.getInteger("attempt")).isEqualTo(2);
        assertThat(seen.stream().map(BrokerMessage::messageId))
            .contains(id + "-" + step.getString("id") + "-workflow.next_step-2");

        HttpResponse<Buffer> last = node.complete(retried, 0, false);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.bodyAsJsonObject().getBoolean("success")).isTrue();
        JsonObject frame = watcher.skipTo("event");
        assertThat(frame.getString("event")).isEqualTo("workflow_failed");
        assertThat(frame.getJsonObject("data").getJsonObject("data").getString("error"))
            .isEqualTo("worker broke");
      }
      JsonObject wfFailed = node.workflow("cat", id);
      assertThat(wfFailed.getString("status")).isEqualTo("failed");
      assertThat(wfFailed.getString("error_msg")).isEqualTo("worker broke");
      assertThat(wfFailed.getJsonArray("steps").getJsonObject(0).getString("status"))
          .isEqualTo("failed");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> bodies(seen, "workflow.failed").size() == 1);
      assertThat(
              bodies(seen, "workflow.failed")
                  .get(0)
                  .getJsonObject("payload")
                  .getString("error_msg"))
          .isEqualTo("worker broke");
      // the same failure again is a duplicate; a success now is refused
      assertThat(node.complete(wfFailed, 0, false).statusCode()).isEqualTo(200);
      assertThat(node.complete(wfFailed, 0, true).statusCode()).isEqualTo(409);
      assertThat(bodies(seen, "step.image_processing")).hasSize(2);
      assertThat(bodies(seen, "step.ai_enhancement")).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void aStepThatOverrunsItsTimeoutIsRetriedThenFailsTheWorkflow(String store) {
    WorkflowsConfig fast = WorkflowsNode.fast();
    WorkflowsConfig config =
        fast.withDefinitions(
            "quick",
            Map.of(
                "quick",
                new WorkflowDefinitionConfig(
                    List.of(
                        new WorkflowStepConfig(
                            "resize", "image-service", Duration.ofMillis(150), 1, null)))));
    try (StorePorts ports = StorePorts.of(store);
        WorkflowsNode node = WorkflowsNode.start(ports.ports, config)) {
      List<BrokerMessage> seen = WorkflowsNode.record(ports.ports, config.exchange());
      String id = node.upload("dan", product("Desk"));
      JsonObject wf = node.awaitStatus("dan", id, "failed");
      assertThat(wf.getString("error_msg")).contains("timed out");
      assertThat(wf.getJsonArray("steps").getJsonObject(0).getInteger("attempt")).isEqualTo(2);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> bodies(seen, "workflow.failed").size() == 1);
      assertThat(bodies(seen, "step.resize")).hasSize(2);
      assertThat(node.metric("switchboard_workflow_timers_total{kind=\"timeout\"}")).isEqualTo(2.0);
      // a late report of the timed-out step changes nothing
      assertThat(node.complete(wf, 0, true).statusCode()).isEqualTo(409);
      assertThat(node.workflow("dan", id)).isEqualTo(wf);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void theOwnerCancelsARunningWorkflowOnce(String store) {
    WorkflowsConfig config = WorkflowsNode.fast();
    try (StorePorts ports = StorePorts.of(store);
        WorkflowsNode node = WorkflowsNode.start(ports.ports, config)) {
      List<BrokerMessage> seen = WorkflowsNode.record(ports.ports, config.exchange());
      String id = node.upload("eve", product("Lamp"));
      String path = "/api/v1/workflow/cancel?workflow_id=" + id;
      assertThat(node.call(io.vertx.core.http.HttpMethod.POST, path, "mallory", null).statusCode())
          .isEqualTo(404);
      HttpResponse<Buffer> r = node.call(io.vertx.core.http.HttpMethod.POST, path, "eve", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
      assertThat(node.call(io.vertx.core.http.HttpMethod.POST, path, "eve", null).statusCode())
          .isEqualTo(409);
      JsonObject wf = node.workflow("eve", id);
      assertThat(wf.getString("status")).isEqualTo("cancelled");
      assertThat(node.complete(wf, 0, true).statusCode()).isEqualTo(409);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> bodies(seen, "workflow.cancelled").size() == 1);
    }
  }
}
