package io.switchboard.agent.forward;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The reply {@code data} for a local service's response (SPEC C4, docs/agent.md "Reply data"):
 * {@code {"status": <int>, "headers": {"name": "value"}, "body": <JSON value or string>}}. Header
 * names in lower case, repeated ones joined with {@code ", "}, hop-by-hop ones dropped; the body is
 * JSON when the content type is JSON ({@code application/json} or {@code +json}) and it parses,
 * otherwise the text decoded as UTF-8 ({@code ""} when empty).
 */
final class UpstreamReply {
  private UpstreamReply() {}

  /**
   * @param resp the response (its headers and status)
   * @param body the whole body, already within the size limit
   * @return the reply data
   */
  static JsonObject of(HttpClientResponse resp, Buffer body) {
    JsonObject headers = new JsonObject();
    for (Map.Entry<String, String> e : resp.headers()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (HopByHop.is(name)) {
        continue;
      }
      String before = headers.getString(name);
      headers.put(name, before == null ? e.getValue() : before + ", " + e.getValue());
    }
    return new JsonObject()
        .put("status", resp.statusCode())
        .put("headers", headers)
        .put("body", body(headers.getString("content-type"), body));
  }

  private static Object body(String contentType, Buffer body) {
    String text = body.toString(StandardCharsets.UTF_8);
    if (contentType != null && isJson(contentType) && !text.isBlank()) {
      try {
        return Json.decodeValue(body);
      } catch (DecodeException e) {
        return text;
      }
    }
    return text;
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }
}
