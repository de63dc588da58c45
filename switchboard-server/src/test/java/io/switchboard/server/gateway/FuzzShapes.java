package io.switchboard.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The documented shape of each server frame ({@code docs/protocol.md} "Requests and replies",
 * "Server-initiated frames", "Errors"): {@link #problem} names the first field that is missing or
 * of the wrong JSON type, or returns {@code null}.
 */
final class FuzzShapes {
  private FuzzShapes() {}

  static String problem(FuzzOracle oracle, JsonNode f) {
    if (!f.isObject()) {
      return "server frame is not an object";
    }
    JsonNode type = f.get("type");
    if (type == null || !type.isTextual() || !oracle.types.contains(type.asText())) {
      return "undocumented frame type";
    }
    JsonNode id = f.get("id");
    if (id != null && !id.isTextual() && !id.isNumber()) {
      return "id is neither string nor number";
    }
    JsonNode data = f.get("data");
    return switch (type.asText()) {
      case "welcome" ->
          str(data, "connection")
                  && nullableStr(data, "user")
                  && str(data, "node")
                  && integer(data, "heartbeat")
              ? null
              : "welcome fields";
      case "joined" -> str(f, "room") && joinedData(data) ? null : "joined fields";
      case "left" -> str(f, "room") ? null : "left fields";
      case "ack" ->
          str(f, "room") && integer(f, "offset") && f.get("offset").asLong() >= 1
              ? null
              : "ack fields";
      case "pong" -> null;
      case "error" ->
          str(f, "code") && str(f, "message")
              ? oracle.errorCodes.contains(f.get("code").asText())
                  ? null
                  : "undocumented error code"
              : "error fields";
      case "event" -> event(f) ? null : "event fields";
      case "presence" -> str(f, "room") && presence(f, data) ? null : "presence fields";
      case "presence_count" ->
          str(f, "room") && integer(data, "count") ? null : "presence_count fields";
      case "notification" -> str(f, "event") && f.has("data") ? null : "notification fields";
      default -> "undocumented frame type";
    };
  }

  private static boolean presence(JsonNode f, JsonNode data) {
    if (data != null && data.isArray()) { // a reply: one page
      return entries(data) && integer(f, "count") && nullableStr(f, "next");
    }
    return data != null
        && data.isObject()
        && str(data, "action")
        && ("join".equals(data.get("action").asText())
            || "leave".equals(data.get("action").asText()))
        && nullableStr(data, "user")
        && str(data, "connection");
  }

  private static boolean joinedData(JsonNode d) {
    if (d == null
        || !d.isObject()
        || !str(d, "epoch")
        || !integer(d, "offset")
        || !integer(d, "presenceCount")
        || !d.path("recovered").isBoolean()
        || !entries(d.get("presence"))) {
      return false;
    }
    JsonNode snapshot = d.get("snapshot");
    if (snapshot == null
        || !(snapshot.isNull()
            || snapshot.isObject() && integer(snapshot, "offset") && snapshot.has("data"))) {
      return false;
    }
    JsonNode history = d.get("history");
    if (history == null || !history.isArray()) {
      return false;
    }
    for (JsonNode e : history) {
      if (!event(e)) {
        return false;
      }
    }
    return true;
  }

  private static boolean event(JsonNode e) {
    return e.isObject()
        && "event".equals(e.path("type").asText())
        && str(e, "room")
        && str(e, "event")
        && integer(e, "offset")
        && nullableStr(e, "from")
        && e.has("data")
        && integer(e, "ts");
  }

  private static boolean entries(JsonNode list) {
    if (list == null || !list.isArray()) {
      return false;
    }
    for (JsonNode m : list) {
      if (!m.isObject() || !nullableStr(m, "user") || !str(m, "connection") || !str(m, "node")) {
        return false;
      }
    }
    return true;
  }

  private static boolean str(JsonNode o, String field) {
    return o != null && o.path(field).isTextual();
  }

  private static boolean nullableStr(JsonNode o, String field) {
    return o != null && o.has(field) && (o.get(field).isTextual() || o.get(field).isNull());
  }

  private static boolean integer(JsonNode o, String field) {
    return o != null && o.path(field).canConvertToLong() && o.path(field).isIntegralNumber();
  }
}
