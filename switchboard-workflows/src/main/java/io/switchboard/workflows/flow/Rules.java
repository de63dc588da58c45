package io.switchboard.workflows.flow;

import static io.switchboard.workflows.model.WorkflowDoc.ATTEMPT;
import static io.switchboard.workflows.model.WorkflowDoc.COMPLETED;
import static io.switchboard.workflows.model.WorkflowDoc.COMPLETED_AT;
import static io.switchboard.workflows.model.WorkflowDoc.CURRENT_STEP;
import static io.switchboard.workflows.model.WorkflowDoc.ERROR_MSG;
import static io.switchboard.workflows.model.WorkflowDoc.FAILED;
import static io.switchboard.workflows.model.WorkflowDoc.ID;
import static io.switchboard.workflows.model.WorkflowDoc.PENDING;
import static io.switchboard.workflows.model.WorkflowDoc.PROCESSING;
import static io.switchboard.workflows.model.WorkflowDoc.RESULT;
import static io.switchboard.workflows.model.WorkflowDoc.RETRY_AT;
import static io.switchboard.workflows.model.WorkflowDoc.STARTED_AT;
import static io.switchboard.workflows.model.WorkflowDoc.STATUS;
import static io.switchboard.workflows.model.WorkflowDoc.STEPS;
import static io.switchboard.workflows.model.WorkflowDoc.STEP_TYPE;
import static io.switchboard.workflows.model.WorkflowDoc.TIMEOUT_MS;
import static io.switchboard.workflows.model.WorkflowDoc.TIMER;

import io.switchboard.workflows.live.Frame;
import io.switchboard.workflows.model.Definitions;
import io.switchboard.workflows.model.Keys;
import io.switchboard.workflows.model.WorkflowDoc;
import io.switchboard.workflows.wire.Messages;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The step machinery shared by every transition (SPEC C3; issue 9 point 4): dispatching a step's
 * attempt (message {@code step.<type>} and its timeout timer), and a failed or timed-out attempt (a
 * retry after {@code retryDelay × 2^(attempt-1)}, capped, while {@code attempt <= max_retries};
 * else the workflow fails: status {@code failed}, {@code workflow.failed}, frame {@code
 * workflow_failed}). Stateless apart from its collaborators; decisions only, no I/O.
 */
final class Rules {
  static final String TIMEOUT = "timeout";
  static final String RETRY = "retry";

  private final Definitions definitions;
  private final Messages messages;

  Rules(Definitions definitions, Messages messages) {
    this.definitions = definitions;
    this.messages = messages;
  }

  Messages messages() {
    return messages;
  }

  /** Dispatches attempt {@code attempt} of step {@code index}: processing, message, timeout. */
  void dispatch(Change c, int index, int attempt) {
    JsonObject wf = c.workflow;
    JsonObject step = WorkflowDoc.step(wf, index);
    String id = wf.getString(ID);
    long due = c.now.toEpochMilli() + step.getLong(TIMEOUT_MS);
    String timer = Keys.timer(due, id, step.getString(ID), attempt, TIMEOUT);
    step.put(STATUS, PROCESSING)
        .put(ATTEMPT, attempt)
        .put(STARTED_AT, c.now.toString())
        .putNull(COMPLETED_AT)
        .putNull(RETRY_AT)
        .put(TIMER, timer);
    wf.put(STATUS, PROCESSING).put(CURRENT_STEP, index);
    c.touch();
    c.putTimer(timer, timer(id, step.getString(ID), attempt, TIMEOUT, due));
    c.messages.add(messages.dispatch(wf, step, c.now));
    c.counts.add(WorkflowMetrics.DISPATCH);
  }

  /**
   * Attempt of step {@code index} failed (a report or its timeout): retry by its policy, or fail
   * the workflow.
   *
   * @return the reply's message
   */
  String stepFailed(Change c, int index, String error) {
    JsonObject wf = c.workflow;
    JsonObject step = WorkflowDoc.step(wf, index);
    String id = wf.getString(ID);
    int attempt = step.getInteger(ATTEMPT);
    int maxRetries = step.getInteger(WorkflowDoc.MAX_RETRIES);
    c.deleteTimer(step.getString(TIMER));
    step.remove(TIMER);
    step.put(ERROR_MSG, error);
    c.touch();
    if (attempt <= maxRetries) {
      long delay = definitions.backoffMillis(step.getLong(WorkflowDoc.RETRY_DELAY_MS), attempt);
      long due = c.now.toEpochMilli() + delay;
      String timer = Keys.timer(due, id, step.getString(ID), attempt + 1, RETRY);
      step.put(STATUS, PENDING)
          .put(RETRY_AT, Instant.ofEpochMilli(due).toString())
          .put(TIMER, timer);
      c.putTimer(timer, timer(id, step.getString(ID), attempt + 1, RETRY, due));
      c.counts.add(WorkflowMetrics.STEP_RETRIED);
      String message =
          "step "
              + step.getString(STEP_TYPE)
              + " failed (attempt "
              + attempt
              + " of "
              + (maxRetries + 1)
              + "); retrying in "
              + delay
              + " ms";
      c.frames.add(
          new Frame(
              "step_failed",
              new JsonObject()
                  .put("workflow", WorkflowDoc.publicView(wf))
                  .put("step_id", step.getString(ID))
                  .put("error", error)
                  .put("attempt", attempt)
                  .put("retry_in_ms", delay),
              message));
      return message;
    }
    step.put(STATUS, FAILED).put(COMPLETED_AT, c.now.toString());
    wf.put(STATUS, FAILED).put(ERROR_MSG, error).put(COMPLETED_AT, c.now.toString());
    c.messages.add(messages.failed(wf, error, c.now));
    c.counts.add(WorkflowMetrics.STEP_FAILED);
    c.counts.add(WorkflowMetrics.FAILED);
    c.frames.add(
        new Frame(
            "workflow_failed",
            new JsonObject().put("workflow", WorkflowDoc.publicView(wf)).put("error", error),
            "Workflow failed: " + error));
    return "step " + step.getString(STEP_TYPE) + " failed; workflow failed";
  }

  /**
   * Attempt of step {@code index} succeeded: completed, {@code step.completed}, then the next step
   * or the workflow's completion.
   *
   * @return the reply's message
   */
  String stepSucceeded(Change c, int index, Object result) {
    JsonObject wf = c.workflow;
    JsonObject step = WorkflowDoc.step(wf, index);
    c.deleteTimer(step.getString(TIMER));
    step.remove(TIMER);
    step.put(STATUS, COMPLETED).put(COMPLETED_AT, c.now.toString()).put(RESULT, result);
    step.putNull(ERROR_MSG);
    c.touch();
    c.messages.add(messages.stepCompleted(wf, step, result, c.now));
    c.counts.add(WorkflowMetrics.STEP_COMPLETED);
    String type = step.getString(STEP_TYPE);
    c.frames.add(
        new Frame(
            "step_completed",
            new JsonObject()
                .put("workflow", WorkflowDoc.publicView(wf))
                .put("step_id", step.getString(ID))
                .put("result", result),
            "Step " + type + " completed"));
    if (index + 1 < wf.getJsonArray(STEPS).size()) {
      dispatch(c, index + 1, 1);
      return "step " + type + " completed; next step dispatched";
    }
    wf.put(STATUS, COMPLETED).put(COMPLETED_AT, c.now.toString());
    c.messages.add(messages.completed(wf, c.now));
    c.counts.add(WorkflowMetrics.COMPLETED);
    c.frames.add(
        new Frame(
            "workflow_completed",
            new JsonObject().put("workflow", WorkflowDoc.publicView(wf)),
            "Workflow completed successfully"));
    return "step " + type + " completed; workflow completed";
  }

  /** A timer document: {@code {workflow_id, step_id, attempt, kind, due}}. */
  static JsonObject timer(String wf, String step, int attempt, String kind, long due) {
    return new JsonObject()
        .put("workflow_id", wf)
        .put("step_id", step)
        .put("attempt", attempt)
        .put("kind", kind)
        .put("due", due);
  }
}
