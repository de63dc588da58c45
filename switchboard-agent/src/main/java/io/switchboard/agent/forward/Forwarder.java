package io.switchboard.agent.forward;

import io.switchboard.agent.route.Route;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.time.Duration;

/**
 * Forwards one tunnel request to the local HTTP service (SPEC C4, the seed 000 controller made
 * general) and shapes the reply {@code data = {"status": <int>, "headers": {"name": "value"},
 * "body": <JSON or string>}} ({@link UpstreamReply}). Call it on one Vert.x context (the agent's).
 */
public final class Forwarder {
  private final Vertx vertx;
  private final HttpClient client;
  private final long maxBodyBytes;
  private final long timeoutMillis;

  /**
   * @param vertx for the timeout timer
   * @param client the HTTP client to the local service; its pool should allow {@code
   *     --max-in-flight} connections
   * @param maxBodyBytes the largest request or response body, in bytes ({@code --max-body-bytes})
   * @param timeout the whole exchange's deadline, connect to last byte ({@code --upstream-timeout})
   */
  public Forwarder(Vertx vertx, HttpClient client, long maxBodyBytes, Duration timeout) {
    this.vertx = vertx;
    this.client = client;
    this.maxBodyBytes = maxBodyBytes;
    this.timeoutMillis = Math.max(1, timeout.toMillis());
  }

  /**
   * Calls the local service.
   *
   * @param route the route of the request's type
   * @param data the request's {@code data}
   * @return the reply data; an upstream 4xx/5xx is a successful reply with that status. Fails with
   *     an {@link AgentError}: {@code bad_request}, {@code request_too_large}, {@code
   *     upstream_unavailable}, {@code upstream_timeout} or {@code response_too_large}
   */
  public Future<JsonObject> forward(Route route, Object data) {
    UpstreamRequest request;
    try {
      request = UpstreamRequest.build(route, data, maxBodyBytes);
    } catch (AgentError e) {
      return Future.failedFuture(e);
    }
    Promise<JsonObject> promise = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    long timer =
        vertx.setTimer(
            timeoutMillis,
            t -> {
              if (promise.tryFail(
                  new AgentError(
                      AgentError.UPSTREAM_TIMEOUT,
                      "no answer from " + route.url() + " within " + timeoutMillis + " ms"))) {
                reset(sent[0]);
              }
            });
    promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    client
        .request(request.options().setConnectTimeout(timeoutMillis))
        .compose(
            req -> {
              sent[0] = req;
              if (promise.future().isComplete()) {
                reset(req);
                return Future.failedFuture("timed out");
              }
              return request.body() == null ? req.send() : req.send(request.body());
            })
        .onSuccess(resp -> read(resp, sent[0], promise))
        .onFailure(e -> promise.tryFail(unavailable(route, e)));
    return promise.future();
  }

  /** Reads the body up to the limit, then shapes the reply. */
  private void read(HttpClientResponse resp, HttpClientRequest req, Promise<JsonObject> promise) {
    // first: after a reset of ours the response reports it here (else Vert.x logs it as unhandled)
    resp.exceptionHandler(
        e ->
            promise.tryFail(
                new AgentError(
                    AgentError.UPSTREAM_UNAVAILABLE, "response broken: " + describe(e))));
    String length = resp.getHeader("content-length");
    if (length != null && overLimit(length)) {
      promise.tryFail(tooLarge(length + " bytes"));
      reset(req);
      return;
    }
    Buffer body = Buffer.buffer();
    resp.handler(
        chunk -> {
          if (promise.future().isComplete()) {
            return;
          }
          if (body.length() + chunk.length() > maxBodyBytes) {
            promise.tryFail(tooLarge("over " + maxBodyBytes + " bytes"));
            reset(req);
            return;
          }
          body.appendBuffer(chunk);
        });
    resp.endHandler(v -> promise.tryComplete(UpstreamReply.of(resp, body)));
  }

  private boolean overLimit(String contentLength) {
    try {
      return Long.parseLong(contentLength.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private AgentError tooLarge(String size) {
    return new AgentError(
        AgentError.RESPONSE_TOO_LARGE,
        "response body is " + size + " (max " + maxBodyBytes + " bytes)");
  }

  private static AgentError unavailable(Route route, Throwable e) {
    if (e instanceof AgentError known) {
      return known;
    }
    String what = e instanceof ConnectException ? "cannot connect to " : "failed calling ";
    return new AgentError(AgentError.UPSTREAM_UNAVAILABLE, what + route.url() + ": " + describe(e));
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static void reset(HttpClientRequest req) {
    if (req != null) {
      req.reset();
    }
  }
}
