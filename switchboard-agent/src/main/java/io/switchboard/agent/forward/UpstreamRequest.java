package io.switchboard.agent.forward;

import io.switchboard.agent.route.Route;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The HTTP request one tunnel request becomes (SPEC C4, docs/agent.md "Request data"), built from
 * its route and its {@code data = {"method", "path", "headers", "body"}}, every field optional.
 *
 * @param method the method: the route's, else {@code data.method}, else {@code POST} with a body
 *     and {@code GET} without
 * @param options host, port, TLS, path-and-query ({@code route.url} path + {@code data.path}) and
 *     headers (hop-by-hop ones dropped)
 * @param body the encoded body, or {@code null} for none
 */
public record UpstreamRequest(HttpMethod method, RequestOptions options, Buffer body) {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

  /**
   * Builds the request.
   *
   * @param route the route the request's type maps to
   * @param data the request's {@code data}: a JSON object or {@code null}
   * @param maxBodyBytes the largest encoded body allowed
   * @return the request
   * @throws AgentError {@code bad_request} when {@code data} is not an object or a field is
   *     malformed; {@code request_too_large} when the encoded body is over {@code maxBodyBytes}
   */
  public static UpstreamRequest build(Route route, Object data, long maxBodyBytes) {
    if (data != null && !(data instanceof JsonObject)) {
      throw bad("data must be a JSON object {method, path, headers, body}");
    }
    JsonObject d = data == null ? new JsonObject() : (JsonObject) data;
    Object rawBody = d.getValue("body");
    Buffer body = null;
    String contentType = null;
    if (rawBody instanceof String s) {
      body = Buffer.buffer(s);
      contentType = "text/plain; charset=utf-8";
    } else if (rawBody != null) {
      body = Buffer.buffer(Json.encode(rawBody));
      contentType = "application/json";
    }
    if (body != null && body.length() > maxBodyBytes) {
      throw new AgentError(
          AgentError.REQUEST_TOO_LARGE,
          "request body is " + body.length() + " bytes (max " + maxBodyBytes + ")");
    }
    HttpMethod method = HttpMethod.valueOf(method(route, d.getValue("method"), body != null));
    URI url = route.url();
    boolean tls = "https".equals(url.getScheme());
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(url.getHost())
            .setPort(url.getPort() > 0 ? url.getPort() : tls ? 443 : 80)
            .setSsl(tls)
            .setURI(target(url, d.getValue("path")))
            .setHeaders(headers(d.getValue("headers")));
    if (contentType != null && !options.getHeaders().contains("content-type")) {
      options.putHeader("content-type", contentType);
    }
    return new UpstreamRequest(method, options, body);
  }

  private static String method(Route route, Object given, boolean hasBody) {
    if (route.method() != null) {
      return route.method();
    }
    if (given == null) {
      return hasBody ? "POST" : "GET";
    }
    if (!(given instanceof String s) || !METHOD.matcher(s.toUpperCase(Locale.ROOT)).matches()) {
      throw bad("data.method must be an HTTP method such as GET or POST");
    }
    return s.toUpperCase(Locale.ROOT);
  }

  /** The route's path (without a trailing slash) + {@code data.path}; both queries joined. */
  private static String target(URI url, Object given) {
    if (given != null && !(given instanceof String)) {
      throw bad("data.path must be a string starting with /");
    }
    String extra = (String) given;
    if (extra != null && !extra.isEmpty()) {
      if (!extra.startsWith("/") || extra.startsWith("//") || !printable(extra)) {
        throw bad("data.path must start with a single / and hold no spaces or control characters");
      }
      if (extra.indexOf('#') >= 0) {
        throw bad("data.path must not hold a fragment (#)");
      }
    }
    String basePath = url.getRawPath() == null ? "" : url.getRawPath();
    String path = basePath;
    String query = url.getRawQuery();
    if (extra != null && !extra.isEmpty()) {
      int q = extra.indexOf('?');
      String extraPath = q < 0 ? extra : extra.substring(0, q);
      String extraQuery = q < 0 ? null : extra.substring(q + 1);
      path = (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath);
      path += extraPath;
      if (extraQuery != null && !extraQuery.isEmpty()) {
        query = query == null || query.isEmpty() ? extraQuery : query + "&" + extraQuery;
      }
    }
    if (path.isEmpty()) {
      path = "/";
    }
    return query == null || query.isEmpty() ? path : path + "?" + query;
  }

  private static MultiMap headers(Object given) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    if (given == null) {
      return out;
    }
    if (!(given instanceof JsonObject json)) {
      throw bad("data.headers must be an object {\"name\": \"value\"}");
    }
    for (Map.Entry<String, Object> e : json) {
      String name = e.getKey();
      if (!TOKEN.matcher(name).matches()) {
        throw bad("data.headers: " + name + " is not a header name");
      }
      if (HopByHop.is(name)) {
        continue;
      }
      Object value = e.getValue();
      if (value instanceof JsonArray values) {
        for (Object v : values) {
          out.add(name, headerValue(name, v));
        }
      } else {
        out.add(name, headerValue(name, value));
      }
    }
    return out;
  }

  private static String headerValue(String name, Object value) {
    if (!(value instanceof String || value instanceof Number || value instanceof Boolean)
        || !printable(value.toString().replace(' ', 'x').replace('\t', 'x'))) {
      throw bad("data.headers: the value of " + name + " must be a string without line breaks");
    }
    return value.toString();
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static AgentError bad(String message) {
    return new AgentError(AgentError.BAD_REQUEST, message);
  }
}
