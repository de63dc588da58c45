package io.switchboard.workers.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Undeliverable;
import io.switchboard.workers.testing.Steps;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class StepMessageTest {
  private static final String IMAGE = "image_processing";

  private static BrokerMessage raw(String body, String id) {
    return Steps.raw("x", "step." + IMAGE, body, id);
  }

  @Test
  void readsTheGatewaysMessage() {
    StepMessage s = StepMessage.parse(Steps.message("x", "wf-1", "s-1", IMAGE), IMAGE);
    assertThat(s.workflowId()).isEqualTo("wf-1");
    assertThat(s.stepId()).isEqualTo("s-1");
    assertThat(s.stepType()).isEqualTo(IMAGE);
    assertThat(s.payload().getJsonObject("workflow").getString("id")).isEqualTo("wf-1");
    assertThat(s.timestamp()).isEqualTo("2026-12-02T08:00:00Z");
    assertThat(s.dedupKey()).isEqualTo("wf-1-s-1-workflow.next_step-1");
  }

  @Test
  void withoutMessageIdTheKeyIsWorkflowStepAndTimestamp() {
    StepMessage s = StepMessage.parse(raw(Steps.body("wf-1", "s-1", IMAGE).encode(), null), IMAGE);
    assertThat(s.dedupKey()).isEqualTo("wf-1/s-1/2026-12-02T08:00:00Z");
  }

  @Test
  void aMissingPayloadIsEmptyForTheWorkToJudge() {
    JsonObject body = Steps.body("wf-1", "s-1", IMAGE);
    body.remove("payload");
    assertThat(StepMessage.parse(raw(body.encode(), "m"), IMAGE).payload()).isEmpty();
  }

  @Test
  void malformedMessagesAreUndeliverableNamingTheField() {
    assertThatThrownBy(() -> StepMessage.parse(raw("[1]", "m"), IMAGE))
        .isInstanceOf(Undeliverable.class)
        .hasMessage("step message m: body is not a JSON object");
    assertThatThrownBy(() -> StepMessage.parse(raw("{", "m"), IMAGE))
        .hasMessage("step message m: body is not a JSON object");
    JsonObject noId = Steps.body("wf-1", "s-1", IMAGE);
    noId.remove("workflow_id");
    assertThatThrownBy(() -> StepMessage.parse(raw(noId.encode(), "m"), IMAGE))
        .isInstanceOf(Undeliverable.class)
        .hasMessage("step message m: workflow_id is missing");
    assertThatThrownBy(
            () ->
                StepMessage.parse(
                    raw(Steps.body("wf-1", "s-1", IMAGE).put("step_id", 7).encode(), "m"), IMAGE))
        .hasMessage("step message m: step_id is not a non-blank string");
    assertThatThrownBy(
            () ->
                StepMessage.parse(
                    raw(
                        Steps.body("wf-1", "s-1", IMAGE).put("type", "workflow.start").encode(),
                        "m"),
                    IMAGE))
        .hasMessage("step message m: type is workflow.start, expected workflow.next_step");
    assertThatThrownBy(
            () -> StepMessage.parse(raw(Steps.body("wf-1", "s-1", "seo").encode(), "m"), IMAGE))
        .hasMessage("step message m: step_type is seo, this worker serves image_processing");
  }
}
