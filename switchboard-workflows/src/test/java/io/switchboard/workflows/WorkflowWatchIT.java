package io.switchboard.workflows;

import static io.switchboard.workflows.testing.WorkflowsNode.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.server.testing.TestClient;
import io.switchboard.workflows.testing.WorkflowsNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's watch socket {@code GET /ws?workflow_id=} (SPEC C3; issue 9 point 1): the current
 * state on connect, then the seed's frames {@code {type, workflow_id, data, message}} as they are;
 * refused for an unknown or another user's workflow; and the same workflow as the native room
 * {@code workflow:<id>}, which only its owner may join.
 */
class WorkflowWatchIT {
  private static WorkflowsNode node;

  @BeforeAll
  static void start() {
    node = WorkflowsNode.start(MemoryEngine.ports(), WorkflowsNode.fast());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private TestClient watch(String user, String id) {
    return TestClient.connect(
        node.node.vertx,
        node.node.port(),
        "/ws?workflow_id=" + id + "&token=" + node.node.token(user));
  }

  @Test
  void aWatcherGetsTheCurrentStateThenEveryFrameUntilTheWorkflowCompletes() {
    String id = node.upload("ann", product("Lamp"));
    try (TestClient w = watch("ann", id)) {
      JsonObject state = w.expect("workflow_status");
      assertThat(state.getString("workflow_id")).isEqualTo(id);
      assertThat(state.getJsonObject("data").getJsonObject("workflow").getString("status"))
          .isEqualTo("processing");
      JsonObject wf = node.workflow("ann", id);
      for (int i = 0; i < 3; i++) {
        assertThat(node.complete(wf, i, true).statusCode()).isEqualTo(200);
        JsonObject frame = w.expect("step_completed");
        assertThat(frame.getString("workflow_id")).isEqualTo(id);
        assertThat(frame.getJsonObject("data").getString("step_id"))
            .isEqualTo(wf.getJsonArray("steps").getJsonObject(i).getString("id"));
        assertThat(frame.getString("message")).isNotBlank();
        wf = node.workflow("ann", id);
      }
      JsonObject done = w.expect("workflow_completed");
      assertThat(done.getJsonObject("data").getJsonObject("workflow").getString("status"))
          .isEqualTo("completed");
    }
  }

  @Test
  void anUnknownOrAnotherUsersWorkflowIsRefusedWithAnErrorFrameAndClose1008() {
    String id = node.upload("ann", product("Chair"));
    for (String[] c : new String[][] {{"bob", id}, {"ann", "no-such-workflow"}}) {
      try (TestClient w = watch(c[0], c[1])) {
        JsonObject error = w.expect("error");
        assertThat(error.getString("workflow_id")).isEqualTo(c[1]);
        assertThat(error.getJsonObject("data").getString("code")).isEqualTo("not_found");
        assertThat(w.awaitClose()).isEqualTo((short) 1008);
      }
    }
  }

  @Test
  void theNativeRoomLetsOnlyTheOwnerIn() {
    String id = node.upload("ann", product("Desk"));
    try (TestClient bob = node.connect("bob");
        TestClient ann = node.connect("ann")) {
      bob.send(new JsonObject().put("type", "join").put("id", 1).put("room", "workflow:" + id));
      assertThat(bob.expect("error").getString("code")).isEqualTo("forbidden");
      assertThat(ann.join("workflow:" + id).getString("type")).isEqualTo("joined");
    }
  }
}
