package io.switchboard.grpc.transcode;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Calls the HTTP twin of an RPC on the node's own port (docs/grpc.md "Design"): the same route,
 * with the caller's {@link Credentials} as its headers, so authentication, validation and answers
 * are the twin's by construction. A call without credentials fails {@code UNAUTHENTICATED} without
 * any HTTP call. A 2xx answer is the twin's body; any other becomes the {@link StatusMapping}
 * failure. The gRPC deadline, when set, bounds the HTTP call.
 */
public final class HttpTwin {
  private final WebClient client;
  private final String host;
  private final IntSupplier port;

  /**
   * @param client the HTTP client (one per capability)
   * @param host the node's address seen from itself: {@code 127.0.0.1} for a wildcard {@code
   *     server.host}
   * @param port the node's bound HTTP port, read at each call (the node listens after the
   *     capability started)
   */
  public HttpTwin(WebClient client, String host, IntSupplier port) {
    this.client = client;
    this.host = host;
    this.port = port;
  }

  /** The address to reach a server bound on {@code serverHost}: loopback for a wildcard. */
  public static String loopback(String serverHost) {
    if (serverHost == null
        || serverHost.isBlank()
        || serverHost.equals("0.0.0.0")
        || serverHost.equals("::")
        || serverHost.equals("[::]")) {
      return "127.0.0.1";
    }
    return serverHost;
  }

  /**
   * One call of the twin.
   *
   * @param method the HTTP method
   * @param uri the path and query, already percent-encoded ({@link PathSegments})
   * @param body the JSON body, or null for none
   * @param credentials forwarded as {@code X-API-Key} / {@code Authorization}
   * @return the 2xx answer; failed with a {@link io.grpc.StatusRuntimeException}
   */
  public Future<HttpResponse<Buffer>> call(
      HttpMethod method, String uri, JsonObject body, Credentials credentials) {
    if (credentials.none()) {
      return Future.failedFuture(
          StatusMapping.failure(
              401,
              "unauthorized",
              "missing credentials: send x-api-key or authorization metadata"));
    }
    HttpRequest<Buffer> request = client.request(method, port.getAsInt(), host, uri);
    if (credentials.apiKey() != null) {
      request.putHeader("X-API-Key", credentials.apiKey());
    }
    if (credentials.authorization() != null) {
      request.putHeader("Authorization", credentials.authorization());
    }
    Deadline deadline = Context.current().getDeadline();
    if (deadline != null) {
      request.timeout(Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
    }
    Future<HttpResponse<Buffer>> sent =
        body == null
            ? request.send()
            : request.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer());
    return sent.recover(
            e ->
                Future.failedFuture(
                    Status.UNAVAILABLE
                        .withDescription("unavailable: the node's HTTP API did not answer")
                        .withCause(e)
                        .asRuntimeException()))
        .compose(HttpTwin::checked);
  }

  private static Future<HttpResponse<Buffer>> checked(HttpResponse<Buffer> r) {
    if (r.statusCode() >= 200 && r.statusCode() < 300) {
      return Future.succeededFuture(r);
    }
    String code = "http_" + r.statusCode();
    String message = r.statusMessage();
    try {
      JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
      if (error != null) {
        code = error.getString("code", code);
        message = error.getString("message", message);
      }
    } catch (RuntimeException notJson) {
      // not the API's error body (a route that does not exist): the status alone
    }
    return Future.failedFuture(StatusMapping.failure(r.statusCode(), code, message));
  }
}
