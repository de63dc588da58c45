package io.switchboard.workers.report;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A finished step as the worker reports it (seed 002, SPEC C3 {@code step-completed}).
 *
 * @param workflowId the workflow's id
 * @param stepId the step's id
 * @param stepType the step type
 * @param success whether the step succeeded
 * @param result the step's result when it succeeded, else {@code null}
 * @param errorMsg why it failed when it did, else {@code null}
 */
public record Completion(
    String workflowId,
    String stepId,
    String stepType,
    boolean success,
    JsonObject result,
    String errorMsg) {
  /** The {@code type} and routing key of a completion published to the exchange. */
  public static final String TYPE = "step.completed";

  /** The longest {@code error_msg} sent, in characters; longer messages are cut. */
  public static final int MAX_ERROR_CHARS = 1000;

  /**
   * @throws NullPointerException if an id or the type is null, or {@code success} comes without a
   *     result or a failure without a message
   */
  public Completion {
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(stepType, "stepType");
    if (success) {
      Objects.requireNonNull(result, "result");
    } else {
      Objects.requireNonNull(errorMsg, "errorMsg");
      errorMsg =
          errorMsg.length() > MAX_ERROR_CHARS ? errorMsg.substring(0, MAX_ERROR_CHARS) : errorMsg;
    }
  }

  /** A succeeded step with its result. */
  public static Completion succeeded(
      String workflowId, String stepId, String stepType, JsonObject result) {
    return new Completion(workflowId, stepId, stepType, true, result, null);
  }

  /** A failed step with the reason. */
  public static Completion failed(
      String workflowId, String stepId, String stepType, String errorMsg) {
    return new Completion(workflowId, stepId, stepType, false, null, errorMsg);
  }

  /**
   * The HTTP body: {@code {workflow_id, step_id, step_type, success, result?, error_msg?}}, {@code
   * result} only on success and {@code error_msg} only on failure.
   */
  public JsonObject toHttpBody() {
    JsonObject body =
        new JsonObject()
            .put("workflow_id", workflowId)
            .put("step_id", stepId)
            .put("step_type", stepType)
            .put("success", success);
    if (success) {
      body.put("result", result);
    } else {
      body.put("error_msg", errorMsg);
    }
    return body;
  }

  /**
   * The body published on routing key {@code step.completed}: the HTTP body plus {@code type:
   * "step.completed"} and {@code timestamp} (ISO-8601 UTC, e.g. {@code 2026-12-02T08:00:00Z}).
   *
   * @param now the time of the report
   */
  public JsonObject toMessageBody(Instant now) {
    return new JsonObject()
        .put("type", TYPE)
        .mergeIn(toHttpBody())
        .put("timestamp", now.toString());
  }

  /** The message id of a published completion: {@code <workflow_id>-<step_id>-completed}. */
  public String messageId() {
    return workflowId + "-" + stepId + "-completed";
  }
}
