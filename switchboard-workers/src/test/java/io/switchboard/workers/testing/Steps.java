package io.switchboard.workers.testing;

import io.switchboard.core.broker.BrokerMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Step messages shaped like the gateway's (seed 002 {@code workflow.next_step}). */
public final class Steps {
  private Steps() {}

  /** A seed-002 product: name, description, two images, category, price. */
  public static JsonObject product() {
    return new JsonObject()
        .put("name", "trail running shoe")
        .put("description", "lightweight trail running shoe with a grippy sole for wet rocks")
        .put(
            "images",
            new JsonArray()
                .add("https://cdn.example.com/p/shoe-front.JPG?v=2")
                .add("shoe-side.png"))
        .put("category", "outdoor footwear")
        .put("price", 129.9);
  }

  /** The payload {@code {workflow, step}} for one step of a workflow of {@code product}. */
  public static JsonObject payload(
      String workflowId, String stepId, String stepType, JsonObject product) {
    JsonObject step =
        new JsonObject()
            .put("id", stepId)
            .put("type", stepType)
            .put("status", "processing")
            .put("service_name", "example-service");
    JsonObject workflow =
        new JsonObject()
            .put("id", workflowId)
            .put("product_id", "prod-" + workflowId)
            .put("status", "processing")
            .put("steps", new JsonArray().add(step))
            .put("current_step", 0)
            .put("metadata", new JsonObject().put("product_data", product));
    return new JsonObject().put("workflow", workflow).put("step", step);
  }

  /** The message body of a dispatched step. */
  public static JsonObject body(String workflowId, String stepId, String stepType) {
    return new JsonObject()
        .put("type", "workflow.next_step")
        .put("workflow_id", workflowId)
        .put("step_id", stepId)
        .put("step_type", stepType)
        .put("payload", payload(workflowId, stepId, stepType, product()))
        .put("timestamp", "2026-12-02T08:00:00Z");
  }

  /** A dispatched step as the gateway publishes it, message id {@code <wf>-<step>-next_step-1}. */
  public static BrokerMessage message(
      String exchange, String workflowId, String stepId, String stepType) {
    return raw(
        exchange,
        "step." + stepType,
        body(workflowId, stepId, stepType).encode(),
        workflowId + "-" + stepId + "-workflow.next_step-1");
  }

  /** Any body on any routing key. */
  public static BrokerMessage raw(
      String exchange, String routingKey, String body, String messageId) {
    return new BrokerMessage(
        exchange, routingKey, Map.of(), body.getBytes(StandardCharsets.UTF_8), messageId);
  }
}
