package io.switchboard.workflows;

import static io.switchboard.workflows.testing.WorkflowsNode.bodies;
import static io.switchboard.workflows.testing.WorkflowsNode.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.config.WorkflowsConfig;
import io.switchboard.server.testing.TestNode;
import io.switchboard.workflows.testing.WorkflowsNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Durability and races on both stores (SPEC C3; issue 9 points 5 and 8): a node restarted
 * mid-workflow resumes it from the store (its timers fire, completions after the restart advance
 * it), and two nodes racing on the same completions through one store dispatch every step exactly
 * once.
 */
class WorkflowRestartIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void aNewNodeOnTheSameStoreFiresTheTimersAndTakesTheCompletions(String store) {
    WorkflowsConfig config = WorkflowsNode.fast();
    try (StorePorts ports = StorePorts.of(store)) {
      List<BrokerMessage> seen = WorkflowsNode.record(ports.ports, config.exchange());
      String id;
      try (WorkflowsNode first = WorkflowsNode.start(ports.ports, config)) {
        id = first.upload("ann", product("TV")); // step 1 times out in 5 min
      }
      // the next node runs ten minutes later: the timeout is due at once
      Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
      try (WorkflowsNode second = WorkflowsNode.start(ports.ports, config, c -> c, later)) {
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> bodies(seen, "step.image_processing").size() == 2);
        JsonObject wf = second.workflow("ann", id);
        JsonObject step = wf.getJsonArray("steps").getJsonObject(0);
        assertThat(step.getInteger("attempt")).isEqualTo(2);
        assertThat(step.getString("error_msg")).contains("timed out");
        for (int i = 0; i < 3; i++) {
          assertThat(second.complete(wf, i, true).statusCode()).isEqualTo(200);
          wf = second.workflow("ann", id);
        }
        assertThat(wf.getString("status")).isEqualTo("completed");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> bodies(seen, "workflow.completed").size() == 1);
        assertThat(bodies(seen, "workflow.start")).hasSize(1);
        assertThat(bodies(seen, "step.ai_enhancement")).hasSize(1);
        assertThat(bodies(seen, "step.seo_generation")).hasSize(1);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void twoNodesRacingOnTheSameCompletionsDispatchEveryStepOnce(String store) {
    WorkflowsConfig config = WorkflowsNode.fast();
    int workflows = 4;
    try (StorePorts ports = StorePorts.of(store);
        WorkflowsNode a = WorkflowsNode.start(ports.ports, config);
        WorkflowsNode b = WorkflowsNode.start(ports.ports, config)) {
      List<BrokerMessage> seen = WorkflowsNode.record(ports.ports, config.exchange());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < workflows; i++) {
        ids.add((i % 2 == 0 ? a : b).upload("racer", product("p" + i)));
      }
      for (int step = 0; step < 3; step++) {
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (String id : ids) {
          JsonObject body = WorkflowsNode.completion(a.workflow("racer", id), step, true);
          for (int k = 0; k < 2; k++) {
            sent.add(a.completeAsync(body));
            sent.add(b.completeAsync(body));
          }
        }
        TestNode.await(Future.all(sent));
        for (Future<HttpResponse<Buffer>> r : sent) {
          assertThat(r.result().statusCode()).as(r.result().bodyAsString()).isEqualTo(200);
        }
      }
      for (String id : ids) {
        assertThat(a.workflow("racer", id).getString("status")).isEqualTo("completed");
      }
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> bodies(seen, "workflow.completed").size() == workflows);
      for (String key :
          new String[] {
            "workflow.start",
            "step.image_processing",
            "step.ai_enhancement",
            "step.seo_generation",
            "workflow.completed"
          }) {
        assertThat(bodies(seen, key)).as(key).hasSize(workflows);
      }
      assertThat(bodies(seen, "step.completed")).hasSize(3 * workflows);
      double duplicates =
          a.metric("switchboard_workflow_steps_total{outcome=\"duplicate\"}")
              + b.metric("switchboard_workflow_steps_total{outcome=\"duplicate\"}");
      assertThat(duplicates).isEqualTo(3.0 * workflows * 3);
    }
  }
}
