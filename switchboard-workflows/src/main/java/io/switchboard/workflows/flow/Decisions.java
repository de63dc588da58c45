package io.switchboard.workflows.flow;

import static io.switchboard.workflows.model.WorkflowDoc.ATTEMPT;
import static io.switchboard.workflows.model.WorkflowDoc.CANCELLED;
import static io.switchboard.workflows.model.WorkflowDoc.COMPLETED;
import static io.switchboard.workflows.model.WorkflowDoc.COMPLETED_AT;
import static io.switchboard.workflows.model.WorkflowDoc.CURRENT_STEP;
import static io.switchboard.workflows.model.WorkflowDoc.FAILED;
import static io.switchboard.workflows.model.WorkflowDoc.ID;
import static io.switchboard.workflows.model.WorkflowDoc.PENDING;
import static io.switchboard.workflows.model.WorkflowDoc.PROCESSING;
import static io.switchboard.workflows.model.WorkflowDoc.STATUS;
import static io.switchboard.workflows.model.WorkflowDoc.STEP_TYPE;
import static io.switchboard.workflows.model.WorkflowDoc.TIMEOUT_MS;
import static io.switchboard.workflows.model.WorkflowDoc.TIMER;

import io.switchboard.workflows.live.Frame;
import io.switchboard.workflows.model.Viewer;
import io.switchboard.workflows.model.WorkflowDoc;
import io.vertx.core.json.JsonObject;

/**
 * The transitions of a workflow (SPEC C3; seed 002 requirements 3 and 4; issue 9 point 4), each
 * deciding on the workflow as read in its transaction:
 *
 * <ul>
 *   <li><b>start</b>: {@code workflow.start}, then step 1 dispatched;
 *   <li><b>completion</b>, checked in this order: unknown workflow or step 404; {@code step_type}
 *       not the step's 409 {@code step_type_mismatch}; a <em>duplicate</em> — the step already
 *       completed and the report says success, or the step failed the workflow and the report says
 *       failure — 200 and nothing changes; a finished workflow 409 {@code workflow_finished}; a
 *       step that is not the current one or not running (waiting for its retry, say) 409 {@code
 *       step_not_current}; an {@code attempt} that is not the step's 409 {@code stale_attempt};
 *       then success advances, failure retries or fails the workflow, both 200;
 *   <li><b>timer</b>: a timeout of the running attempt fails it (as a failure report), a retry due
 *       dispatches the next attempt; a timer whose attempt is no longer current is only deleted;
 *   <li><b>cancel</b>: a running workflow becomes {@code cancelled} ({@code workflow.cancelled},
 *       frame {@code workflow_cancelled}); a finished one 409.
 * </ul>
 */
final class Decisions {
  private final Rules rules;

  Decisions(Rules rules) {
    this.rules = rules;
  }

  /** Starts the new workflow {@code c.workflow} (pending, not yet stored). */
  void start(Change c) {
    c.changed = true;
    c.messages.add(rules.messages().start(c.workflow, c.now));
    c.counts.add(WorkflowMetrics.STARTED);
    rules.dispatch(c, 0, 1);
    c.outcome =
        Outcome.ok(202, "Workflow started", c.workflow.getString(ID), c.workflow.getString(STATUS));
  }

  /** A worker's completion report. */
  void complete(Change c, Completion r) {
    JsonObject wf = c.workflow;
    if (wf == null) {
      c.outcome = Outcome.refused(404, "workflow_not_found", "workflow not found");
      return;
    }
    int index = WorkflowDoc.stepIndex(wf, r.stepId());
    if (index < 0) {
      c.outcome = Outcome.refused(404, "step_not_found", "the workflow has no step " + r.stepId());
      return;
    }
    JsonObject step = WorkflowDoc.step(wf, index);
    String type = step.getString(STEP_TYPE);
    String stepStatus = step.getString(STATUS);
    String status = wf.getString(STATUS);
    if (!type.equals(r.stepType())) {
      c.outcome =
          Outcome.refused(
              409,
              "step_type_mismatch",
              "step " + r.stepId() + " is " + type + ", not " + r.stepType());
    } else if (r.success() && COMPLETED.equals(stepStatus)
        || !r.success() && FAILED.equals(stepStatus) && FAILED.equals(status)) {
      c.counts.add(WorkflowMetrics.DUPLICATE);
      c.outcome =
          Outcome.ok(200, "duplicate: step " + type + " was already " + stepStatus, id(wf), status);
    } else if (WorkflowDoc.terminal(status)) {
      c.outcome = Outcome.refused(409, "workflow_finished", "the workflow is " + status);
    } else if (index != wf.getInteger(CURRENT_STEP) || !PROCESSING.equals(stepStatus)) {
      c.outcome =
          Outcome.refused(
              409, "step_not_current", "step " + type + " is " + stepStatus + ", not running");
    } else if (r.attempt() != null && !r.attempt().equals(step.getInteger(ATTEMPT))) {
      c.outcome =
          Outcome.refused(
              409,
              "stale_attempt",
              "attempt " + r.attempt() + " is not the current attempt " + step.getInteger(ATTEMPT));
    } else {
      String message =
          r.success()
              ? rules.stepSucceeded(c, index, r.result())
              : rules.stepFailed(
                  c, index, r.errorMsg() == null ? "step " + type + " failed" : r.errorMsg());
      c.outcome = Outcome.ok(200, message, id(wf), wf.getString(STATUS));
    }
  }

  /** A due timer {@code key} of {@code timer} ({@link Rules#timer}); always deleted. */
  void fire(Change c, String key, JsonObject timer) {
    c.deleteTimer(key);
    JsonObject wf = c.workflow;
    String kind = timer.getString("kind");
    int attempt = timer.getInteger("attempt", 0);
    int index = wf == null ? -1 : WorkflowDoc.stepIndex(wf, timer.getString("step_id", ""));
    boolean current =
        index >= 0
            && PROCESSING.equals(wf.getString(STATUS))
            && index == wf.getInteger(CURRENT_STEP);
    JsonObject step = current ? WorkflowDoc.step(wf, index) : null;
    if (step != null
        && Rules.TIMEOUT.equals(kind)
        && PROCESSING.equals(step.getString(STATUS))
        && attempt == step.getInteger(ATTEMPT)) {
      c.counts.add(WorkflowMetrics.TIMEOUT_FIRED);
      rules.stepFailed(
          c,
          index,
          "step "
              + step.getString(STEP_TYPE)
              + " timed out after "
              + step.getLong(TIMEOUT_MS)
              + " ms");
    } else if (step != null
        && Rules.RETRY.equals(kind)
        && PENDING.equals(step.getString(STATUS))
        && attempt == step.getInteger(ATTEMPT) + 1) {
      c.counts.add(WorkflowMetrics.RETRY_FIRED);
      rules.dispatch(c, index, attempt);
    } else {
      c.counts.add(WorkflowMetrics.STALE_TIMER);
    }
    c.outcome = Outcome.ok(200, "timer fired", wf == null ? null : id(wf), null);
  }

  /** Cancels for {@code viewer} (owner or admin; others get 404 as for an unknown workflow). */
  void cancel(Change c, Viewer viewer) {
    JsonObject wf = c.workflow;
    if (!viewer.sees(wf)) {
      c.outcome = Outcome.refused(404, "workflow_not_found", "workflow not found");
      return;
    }
    String status = wf.getString(STATUS);
    if (WorkflowDoc.terminal(status)) {
      c.outcome = Outcome.refused(409, "workflow_finished", "the workflow is " + status);
      return;
    }
    JsonObject step = WorkflowDoc.step(wf, wf.getInteger(CURRENT_STEP));
    c.deleteTimer(step.getString(TIMER));
    step.remove(TIMER);
    step.put(STATUS, CANCELLED).put(COMPLETED_AT, c.now.toString());
    wf.put(STATUS, CANCELLED).put(COMPLETED_AT, c.now.toString());
    c.touch();
    c.messages.add(rules.messages().cancelled(wf, c.now));
    c.counts.add(WorkflowMetrics.CANCELLED);
    c.frames.add(
        new Frame(
            "workflow_cancelled",
            new JsonObject().put("workflow", WorkflowDoc.publicView(wf)),
            "Workflow cancelled"));
    c.outcome = Outcome.ok(200, "Workflow cancelled", id(wf), CANCELLED);
  }

  private static String id(JsonObject wf) {
    return wf.getString(ID);
  }
}
