package io.switchboard.workflows.live;

import io.vertx.core.json.JsonObject;

/**
 * One live update (seed 002 WS frame {@code {type, workflow_id, data, message}}).
 *
 * @param type {@code step_completed} (data {@code {workflow, step_id, result}}), {@code
 *     step_failed} ({@code {workflow, step_id, error, attempt, retry_in_ms}}, a retry follows),
 *     {@code workflow_completed} ({@code {workflow}}), {@code workflow_failed} ({@code {workflow,
 *     error}}) or {@code workflow_cancelled} ({@code {workflow}})
 * @param data the frame's {@code data}
 * @param message a human-readable line
 */
public record Frame(String type, JsonObject data, String message) {

  /** The frame's JSON for workflow {@code workflowId}. */
  public JsonObject toJson(String workflowId) {
    return new JsonObject()
        .put("type", type)
        .put("workflow_id", workflowId)
        .put("data", data)
        .put("message", message);
  }
}
