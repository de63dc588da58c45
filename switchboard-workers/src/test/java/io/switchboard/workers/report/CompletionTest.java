package io.switchboard.workers.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompletionTest {
  @Test
  void aSuccessCarriesItsResultAndNoErrorMessage() {
    Completion c =
        Completion.succeeded("wf-1", "s-1", "seo_generation", new JsonObject().put("slug", "x"));
    assertThat(c.toHttpBody())
        .isEqualTo(
            new JsonObject()
                .put("workflow_id", "wf-1")
                .put("step_id", "s-1")
                .put("step_type", "seo_generation")
                .put("success", true)
                .put("result", new JsonObject().put("slug", "x")));
    assertThat(c.messageId()).isEqualTo("wf-1-s-1-completed");
  }

  @Test
  void aFailureCarriesItsReasonCutTo1000Chars() {
    Completion c = Completion.failed("wf-1", "s-1", "seo_generation", "x".repeat(5000));
    JsonObject body = c.toHttpBody();
    assertThat(body.getBoolean("success")).isFalse();
    assertThat(body.containsKey("result")).isFalse();
    assertThat(body.getString("error_msg")).hasSize(Completion.MAX_ERROR_CHARS);
  }

  @Test
  void thePublishedBodyAddsTypeAndTimestamp() {
    JsonObject body =
        Completion.failed("wf-1", "s-1", "ai_enhancement", "no name")
            .toMessageBody(Instant.parse("2026-12-02T08:00:00Z"));
    assertThat(body.getString("type")).isEqualTo("step.completed");
    assertThat(body.getString("timestamp")).isEqualTo("2026-12-02T08:00:00Z");
    assertThat(body.getString("error_msg")).isEqualTo("no name");
    assertThat(body.fieldNames())
        .containsExactly(
            "type", "workflow_id", "step_id", "step_type", "success", "error_msg", "timestamp");
  }
}
