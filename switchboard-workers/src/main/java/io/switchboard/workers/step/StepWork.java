package io.switchboard.workers.step;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The work of one step type (issue 9 point 7): what a step service does with a dispatched step.
 *
 * <p>Called on a Vert.x event loop: it must not block (do slow work with {@code executeBlocking} or
 * a non-blocking client). The worker reports a succeeded future as {@code success: true} with the
 * object as {@code result}, and a failed one (or a thrown exception) as {@code success: false} with
 * the failure's message as {@code error_msg}; the gateway then retries the step by its policy or
 * fails the workflow (SPEC C3).
 */
@FunctionalInterface
public interface StepWork {
  /**
   * Runs the step.
   *
   * @param payload the message's {@code payload}: {@code {workflow, step}} as the gateway sent it
   *     (seed 002: {@code workflow} is the whole workflow resource {@code {id, product_id, status,
   *     steps[...], metadata...}}, {@code step} is {@code {id, type, status, service_name, ...}});
   *     an empty object when the message had none
   * @return the step's result, a JSON object (a {@code null} result is reported as {@code {}});
   *     failed when the step failed, the message saying why in words a user can read
   */
  Future<JsonObject> run(JsonObject payload);
}
