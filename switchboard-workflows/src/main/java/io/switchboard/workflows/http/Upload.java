package io.switchboard.workflows.http;

import io.switchboard.workflows.flow.BadRequestException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@code POST /api/v1/workflow/upload} (seed 002: {@code {name, description, images[],
 * category, price, metadata?}}, plus the optional {@code workflow_type}): {@code name} non-empty
 * text, {@code price} a number of 0 or more, {@code description} and {@code category} text, {@code
 * images} a list of text, {@code metadata} an object, the last four optional.
 *
 * @param type the workflow type asked for, or {@code null} for the default
 * @param productData the product as given (without {@code workflow_type}), kept as {@code
 *     metadata.product_data}
 */
record Upload(String type, JsonObject productData) {

  /**
   * @throws BadRequestException naming the first field that is missing or of the wrong type
   */
  static Upload parse(JsonObject body) {
    Object name = body.getValue("name");
    if (!(name instanceof String n) || n.isBlank()) {
      throw new BadRequestException("name must be non-empty text");
    }
    optionalText(body, "description");
    optionalText(body, "category");
    Object price = body.getValue("price");
    if (!(price instanceof Number p)
        || !(p.doubleValue() >= 0)
        || p.doubleValue() > Double.MAX_VALUE) {
      throw new BadRequestException("price must be a number of 0 or more");
    }
    Object images = body.getValue("images");
    if (images != null) {
      if (!(images instanceof JsonArray list)) {
        throw new BadRequestException("images must be a list of text");
      }
      for (Object i : list) {
        if (!(i instanceof String)) {
          throw new BadRequestException("images must be a list of text");
        }
      }
    }
    Object metadata = body.getValue("metadata");
    if (metadata != null && !(metadata instanceof JsonObject)) {
      throw new BadRequestException("metadata must be an object");
    }
    Object type = body.getValue("workflow_type");
    if (type != null && !(type instanceof String)) {
      throw new BadRequestException("workflow_type must be text");
    }
    JsonObject product = body.copy();
    product.remove("workflow_type");
    if (images == null) {
      product.put("images", new JsonArray());
    }
    return new Upload((String) type, product);
  }

  private static void optionalText(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw new BadRequestException(field + " must be text");
    }
  }
}
