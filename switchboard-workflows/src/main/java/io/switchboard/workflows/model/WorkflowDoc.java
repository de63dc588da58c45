package io.switchboard.workflows.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The workflow document (SPEC C3; seed 002 {@code Workflow}), stored as JSON in {@link
 * Keys#WORKFLOWS} and shown by the API in the same shape:
 *
 * <pre>
 * {id, product_id, status, steps: [{id, type, status, service_name, started_at, completed_at,
 *  result, error_msg, attempt, max_retries, retry_delay_ms, timeout_ms, retry_at}],
 *  current_step, created_at, updated_at, completed_at, metadata: {product_data}, error_msg,
 *  workflow_type, user_id}
 * </pre>
 *
 * The seed's fields keep their names and meaning; times are ISO-8601 UTC text or {@code null}.
 * Extra fields: {@code workflow_type}, {@code user_id} (the owner), and per step its {@code
 * attempt} (1 for the first dispatch), its policy copied at creation and {@code retry_at} while a
 * retry waits. The step's internal {@code timer} (its pending timer's key) is left out of {@link
 * #publicView}. Workflow statuses: {@value #PENDING}, {@value #PROCESSING}, {@value #COMPLETED},
 * {@value #FAILED}, {@value #CANCELLED}; step statuses the same, a step waiting for its retry is
 * {@value #PENDING}.
 */
public final class WorkflowDoc {
  public static final String PENDING = "pending";
  public static final String PROCESSING = "processing";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  /** Every workflow status, for the list filter. */
  public static final List<String> STATUSES =
      List.of(PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED);

  public static final String ID = "id";
  public static final String STATUS = "status";
  public static final String STEPS = "steps";
  public static final String CURRENT_STEP = "current_step";
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String COMPLETED_AT = "completed_at";
  public static final String ERROR_MSG = "error_msg";
  public static final String TYPE = "workflow_type";
  public static final String USER = "user_id";

  /** Step fields beyond the shared ones. */
  public static final String STEP_TYPE = "type";

  public static final String STARTED_AT = "started_at";
  public static final String RESULT = "result";
  public static final String ATTEMPT = "attempt";
  public static final String MAX_RETRIES = "max_retries";
  public static final String RETRY_DELAY_MS = "retry_delay_ms";
  public static final String TIMEOUT_MS = "timeout_ms";
  public static final String RETRY_AT = "retry_at";
  public static final String TIMER = "timer";

  private WorkflowDoc() {}

  /**
   * A new workflow, {@value #PENDING}, every step {@value #PENDING} with attempt 0.
   *
   * @param id from {@link WorkflowIds#next}
   * @param user the owner
   * @param type the workflow type
   * @param steps its steps' policies
   * @param productData the upload, kept as {@code metadata.product_data}
   * @param now the creation time
   */
  public static JsonObject create(
      String id,
      String user,
      String type,
      List<StepPolicy> steps,
      JsonObject productData,
      Instant now) {
    JsonArray s = new JsonArray();
    for (StepPolicy p : steps) {
      s.add(
          new JsonObject()
              .put(ID, UUID.randomUUID().toString())
              .put(STEP_TYPE, p.type())
              .put(STATUS, PENDING)
              .put("service_name", p.service())
              .putNull(STARTED_AT)
              .putNull(COMPLETED_AT)
              .putNull(RESULT)
              .putNull(ERROR_MSG)
              .put(ATTEMPT, 0)
              .put(MAX_RETRIES, p.maxRetries())
              .put(RETRY_DELAY_MS, p.retryDelay().toMillis())
              .put(TIMEOUT_MS, p.timeout().toMillis()));
    }
    return new JsonObject()
        .put(ID, id)
        .put("product_id", UUID.randomUUID().toString())
        .put(STATUS, PENDING)
        .put(STEPS, s)
        .put(CURRENT_STEP, 0)
        .put(CREATED_AT, now.toString())
        .put(UPDATED_AT, now.toString())
        .putNull(COMPLETED_AT)
        .put("metadata", new JsonObject().put("product_data", productData))
        .putNull(ERROR_MSG)
        .put(TYPE, type)
        .put(USER, user);
  }

  /** Whether {@code status} ends a workflow (completed, failed, cancelled). */
  public static boolean terminal(String status) {
    return COMPLETED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
  }

  /** The index of the step with id {@code stepId}, or -1. */
  public static int stepIndex(JsonObject doc, String stepId) {
    JsonArray steps = doc.getJsonArray(STEPS);
    for (int i = 0; i < steps.size(); i++) {
      if (stepId.equals(steps.getJsonObject(i).getString(ID))) {
        return i;
      }
    }
    return -1;
  }

  /** The step at {@code index}. */
  public static JsonObject step(JsonObject doc, int index) {
    return doc.getJsonArray(STEPS).getJsonObject(index);
  }

  /** A deep copy without internal fields (each step's {@code timer}): what the API shows. */
  public static JsonObject publicView(JsonObject doc) {
    JsonObject copy = doc.copy();
    for (Object s : copy.getJsonArray(STEPS)) {
      ((JsonObject) s).remove(TIMER);
    }
    return copy;
  }

  /** The {@link Keys#BY_USER} summary of {@code doc}. */
  public static JsonObject summary(JsonObject doc) {
    return new JsonObject()
        .put(ID, doc.getString(ID))
        .put(USER, doc.getString(USER))
        .put(STATUS, doc.getString(STATUS))
        .put(TYPE, doc.getString(TYPE))
        .put(CREATED_AT, doc.getString(CREATED_AT));
  }
}
