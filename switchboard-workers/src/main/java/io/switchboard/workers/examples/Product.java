package io.switchboard.workers.examples;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The product a workflow processes, read from a step payload {@code {workflow, step}} (seed 002:
 * the upload {@code {name, description, images[], category, price, metadata?}} is kept in the
 * workflow's {@code metadata.product_data}). Lenient about where the gateway put it: {@code
 * workflow.metadata.product_data}, else {@code workflow.metadata.product}, else {@code
 * payload.product}, else {@code workflow.metadata} itself.
 *
 * @param productId the workflow's {@code product_id}, else its {@code id}, else {@code ""}
 * @param data the product object found (empty when none)
 * @param workflow the workflow resource (empty when none), for earlier steps' results
 */
record Product(String productId, JsonObject data, JsonObject workflow) {

  /** Reads the product out of a step payload; never fails. */
  static Product from(JsonObject payload) {
    JsonObject workflow = object(payload.getValue("workflow"));
    JsonObject metadata = object(workflow.getValue("metadata"));
    JsonObject data = object(metadata.getValue("product_data"));
    if (data.isEmpty()) {
      data = object(metadata.getValue("product"));
    }
    if (data.isEmpty()) {
      data = object(payload.getValue("product"));
    }
    if (data.isEmpty()) {
      data = metadata;
    }
    String id = text(workflow.getValue("product_id"));
    return new Product(id.isEmpty() ? text(workflow.getValue("id")) : id, data, workflow);
  }

  /** The product's {@code name}, trimmed; {@code ""} when absent or not text. */
  String name() {
    return text(data.getValue("name")).trim();
  }

  /** The product's {@code description}, trimmed; {@code ""} when absent or not text. */
  String description() {
    return text(data.getValue("description")).trim();
  }

  /** The product's {@code category}, trimmed; {@code ""} when absent or not text. */
  String category() {
    return text(data.getValue("category")).trim();
  }

  /** The product's {@code price} when it is a number, else {@code null}. */
  Number price() {
    return data.getValue("price") instanceof Number n ? n : null;
  }

  /** The raw {@code images} value ({@code null} when absent). */
  Object images() {
    return data.getValue("images");
  }

  /**
   * The result of an earlier step of the workflow.
   *
   * @param stepType e.g. {@code ai_enhancement}
   * @return the first step of that type with an object {@code result}, else an empty object
   */
  JsonObject stepResult(String stepType) {
    if (workflow.getValue("steps") instanceof JsonArray steps) {
      for (Object s : steps) {
        if (s instanceof JsonObject step
            && stepType.equals(step.getValue("type"))
            && step.getValue("result") instanceof JsonObject r) {
          return r;
        }
      }
    }
    return new JsonObject();
  }

  private static JsonObject object(Object v) {
    return v instanceof JsonObject o ? o : new JsonObject();
  }

  private static String text(Object v) {
    return v instanceof String s ? s : "";
  }
}
