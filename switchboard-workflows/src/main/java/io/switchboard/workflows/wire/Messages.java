package io.switchboard.workflows.wire;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.workflows.model.WorkflowDoc;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Builds the workflow messages (SPEC C3; seed 002 {@code events/bus.go}), each persistent, with the
 * body
 *
 * <pre>{type, workflow_id, step_id?, step_type?, payload, timestamp}</pre>
 *
 * ({@code step_id}/{@code step_type} only for step messages, {@code timestamp} ISO-8601 UTC) and
 * the message id {@code <workflow id>-<step id|none>-<type>-<attempt>}, unique per workflow, step,
 * type and attempt (issue 9 point 2), so consumers can drop a redelivered duplicate:
 *
 * <table>
 *   <caption>messages</caption>
 *   <tr><th>routing key</th><th>type</th><th>payload</th></tr>
 *   <tr><td>workflow.start</td><td>workflow.start</td><td>{workflow}</td></tr>
 *   <tr><td>step.&lt;step_type&gt;</td><td>workflow.next_step</td><td>{workflow, step}</td></tr>
 *   <tr><td>step.completed</td><td>step.completed</td><td>{workflow, result}</td></tr>
 *   <tr><td>workflow.completed</td><td>workflow.completed</td><td>{workflow}</td></tr>
 *   <tr><td>workflow.failed</td><td>workflow.failed</td><td>{workflow, error_msg}</td></tr>
 *   <tr><td>workflow.cancelled</td><td>workflow.cancelled</td><td>{workflow}</td></tr>
 * </table>
 *
 * The {@code workflow} in a payload is its {@link WorkflowDoc#publicView} after the transition.
 */
public final class Messages {
  private static final Map<String, String> HEADERS =
      Map.of(Topology.ORIGIN_HEADER, Topology.ORIGIN);

  private final Topology topology;

  /**
   * @param topology the exchange
   */
  public Messages(Topology topology) {
    this.topology = topology;
  }

  /** {@code workflow.start}. */
  public BrokerMessage start(JsonObject wf, Instant now) {
    return message("workflow.start", "workflow.start", wf, null, 0, payload(wf), now);
  }

  /** {@code workflow.next_step} to {@code step.<type>}: dispatches the step's current attempt. */
  public BrokerMessage dispatch(JsonObject wf, JsonObject step, Instant now) {
    JsonObject payload = payload(wf).put("step", stepView(step));
    return message(
        "step." + step.getString(WorkflowDoc.STEP_TYPE),
        "workflow.next_step",
        wf,
        step,
        step.getInteger(WorkflowDoc.ATTEMPT),
        payload,
        now);
  }

  /** {@code step.completed}: the step succeeded with {@code result}. */
  public BrokerMessage stepCompleted(JsonObject wf, JsonObject step, Object result, Instant now) {
    return message(
        Topology.STEP_COMPLETED,
        "step.completed",
        wf,
        step,
        step.getInteger(WorkflowDoc.ATTEMPT),
        payload(wf).put("result", result),
        now);
  }

  /** {@code workflow.completed}. */
  public BrokerMessage completed(JsonObject wf, Instant now) {
    return message("workflow.completed", "workflow.completed", wf, null, 0, payload(wf), now);
  }

  /** {@code workflow.failed} with the error. */
  public BrokerMessage failed(JsonObject wf, String error, Instant now) {
    return message(
        "workflow.failed",
        "workflow.failed",
        wf,
        null,
        0,
        payload(wf).put("error_msg", error),
        now);
  }

  /** {@code workflow.cancelled}. */
  public BrokerMessage cancelled(JsonObject wf, Instant now) {
    return message("workflow.cancelled", "workflow.cancelled", wf, null, 0, payload(wf), now);
  }

  private static JsonObject payload(JsonObject wf) {
    return new JsonObject().put("workflow", WorkflowDoc.publicView(wf));
  }

  private static JsonObject stepView(JsonObject step) {
    JsonObject s = step.copy();
    s.remove(WorkflowDoc.TIMER);
    return s;
  }

  private BrokerMessage message(
      String routingKey,
      String type,
      JsonObject wf,
      JsonObject step,
      int attempt,
      JsonObject payload,
      Instant now) {
    String id = wf.getString(WorkflowDoc.ID);
    JsonObject body = new JsonObject().put("type", type).put("workflow_id", id);
    String stepId = "none";
    if (step != null) {
      stepId = step.getString(WorkflowDoc.ID);
      body.put("step_id", stepId).put("step_type", step.getString(WorkflowDoc.STEP_TYPE));
    }
    body.put("payload", payload).put("timestamp", now.toString());
    return new BrokerMessage(
        topology.exchange(),
        routingKey,
        HEADERS,
        body.encode().getBytes(StandardCharsets.UTF_8),
        id + "-" + stepId + "-" + type + "-" + attempt);
  }
}
