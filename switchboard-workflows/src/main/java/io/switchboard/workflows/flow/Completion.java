package io.switchboard.workflows.flow;

import io.vertx.core.json.JsonObject;

/**
 * A worker's report that a step finished (seed 002 {@code POST /step-completed} body, or a {@code
 * step.completed} message): {@code {workflow_id, step_id, step_type, success, result?, error_msg?}}
 * plus the optional {@code attempt} (the dispatched step's {@code attempt}; a report of another
 * attempt is refused as stale).
 *
 * @param workflowId the workflow
 * @param stepId the step
 * @param stepType its type, checked against the step
 * @param success whether the step succeeded
 * @param result the result (any JSON value), or {@code null}
 * @param errorMsg why it failed, or {@code null}
 * @param attempt the attempt reported, or {@code null}
 */
public record Completion(
    String workflowId,
    String stepId,
    String stepType,
    boolean success,
    Object result,
    String errorMsg,
    Integer attempt) {

  /**
   * Reads a completion.
   *
   * @param body the JSON object
   * @return the completion
   * @throws BadRequestException naming the first missing or mistyped field
   */
  public static Completion parse(JsonObject body) {
    String wf = text(body, "workflow_id");
    String step = text(body, "step_id");
    String type = text(body, "step_type");
    Object success = body.getValue("success");
    if (!(success instanceof Boolean ok)) {
      throw new BadRequestException("success must be true or false");
    }
    Object error = body.getValue("error_msg");
    if (error != null && !(error instanceof String)) {
      throw new BadRequestException("error_msg must be text");
    }
    Object attempt = body.getValue("attempt");
    if (attempt != null
        && !(attempt instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() > 0)) {
      throw new BadRequestException("attempt must be a whole number of 1 or more");
    }
    return new Completion(
        wf,
        step,
        type,
        ok,
        body.getValue("result"),
        (String) error,
        attempt == null ? null : ((Number) attempt).intValue());
  }

  private static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank() || s.length() > 512) {
      throw new BadRequestException(field + " must be non-empty text of at most 512 characters");
    }
    return s;
  }
}
