package io.switchboard.workers.step;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Undeliverable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A {@code workflow.next_step} message as a worker receives it on routing key {@code
 * step.<step_type>} (seed 002, SPEC C3): body {@code {type: "workflow.next_step", workflow_id,
 * step_id, step_type, payload: {workflow, step}, timestamp}}, persistent, with a message id per
 * workflow, step, type and attempt.
 *
 * @param messageId the AMQP message id, or {@code null} when the publisher set none
 * @param workflowId the workflow's id, not blank
 * @param stepId the step's id, not blank
 * @param stepType the step type, equal to the worker's
 * @param payload the {@code payload} object, empty when absent or not an object (the work decides
 *     what is missing)
 * @param timestamp the {@code timestamp} as sent (seed: RFC 3339), or {@code null}
 */
public record StepMessage(
    String messageId,
    String workflowId,
    String stepId,
    String stepType,
    JsonObject payload,
    String timestamp) {
  /** The {@code type} of a dispatched step. */
  public static final String TYPE = "workflow.next_step";

  /**
   * @throws NullPointerException if {@code workflowId}, {@code stepId}, {@code stepType} or {@code
   *     payload} is null
   */
  public StepMessage {
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(stepType, "stepType");
    Objects.requireNonNull(payload, "payload");
  }

  /**
   * Reads a delivery.
   *
   * @param m the delivery
   * @param stepType the step type the worker serves
   * @return the message
   * @throws Undeliverable when it can never be handled, so the broker dead-letters it to {@code
   *     <queue>.dlq} (issue 7 part 2): the body is not a JSON object, its {@code type} is another
   *     one, {@code workflow_id}, {@code step_id} or {@code step_type} is missing or not a
   *     non-blank string, or {@code step_type} is not {@code stepType}. The reason names the field,
   *     never the body.
   */
  public static StepMessage parse(BrokerMessage m, String stepType) {
    JsonObject body;
    try {
      body = new JsonObject(Buffer.buffer(m.body()));
    } catch (RuntimeException e) {
      throw new Undeliverable("step message " + m.messageId() + ": body is not a JSON object");
    }
    Object type = body.getValue("type");
    if (type != null && !TYPE.equals(type)) {
      throw new Undeliverable(
          "step message " + m.messageId() + ": type is " + type + ", expected " + TYPE);
    }
    String workflowId = text(m, body, "workflow_id");
    String stepId = text(m, body, "step_id");
    String declared = text(m, body, "step_type");
    if (!declared.equals(stepType)) {
      throw new Undeliverable(
          "step message "
              + m.messageId()
              + ": step_type is "
              + declared
              + ", this worker serves "
              + stepType);
    }
    Object payload = body.getValue("payload");
    Object timestamp = body.getValue("timestamp");
    return new StepMessage(
        m.messageId(),
        workflowId,
        stepId,
        stepType,
        payload instanceof JsonObject o ? o : new JsonObject(),
        timestamp == null ? null : timestamp.toString());
  }

  /**
   * The key a redelivery of this message shares and another dispatch does not: the message id when
   * set (the gateway's is unique per workflow, step, type and attempt), else {@code
   * <workflow_id>/<step_id>/<timestamp>}.
   */
  public String dedupKey() {
    return messageId != null && !messageId.isBlank()
        ? messageId
        : workflowId + "/" + stepId + "/" + timestamp;
  }

  private static String text(BrokerMessage m, JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new Undeliverable(
          "step message "
              + m.messageId()
              + ": "
              + field
              + (v == null ? " is missing" : " is not a non-blank string"));
    }
    return s;
  }
}
