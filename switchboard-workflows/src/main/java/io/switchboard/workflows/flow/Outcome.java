package io.switchboard.workflows.flow;

/**
 * What a transition answers (SPEC C3; issue 9 point 4): a success with a message, or a refusal with
 * its HTTP status and code (nothing changed then).
 *
 * @param status 200, 202, or the refusal's: 400, 404, 409
 * @param code {@code null} for a success; else {@code bad_request}, {@code workflow_not_found},
 *     {@code step_not_found}, {@code step_type_mismatch}, {@code workflow_finished}, {@code
 *     step_not_current}, {@code stale_attempt}
 * @param message a human-readable line, never a secret
 * @param workflowId the workflow concerned, or {@code null}
 * @param workflowStatus its status after the transition, or {@code null}
 */
public record Outcome(
    int status, String code, String message, String workflowId, String workflowStatus) {

  /** A success. */
  static Outcome ok(int status, String message, String workflowId, String workflowStatus) {
    return new Outcome(status, null, message, workflowId, workflowStatus);
  }

  /** A refusal: nothing changed. */
  static Outcome refused(int status, String code, String message) {
    return new Outcome(status, code, message, null, null);
  }

  /** Whether this is a success. */
  public boolean succeeded() {
    return code == null;
  }
}
