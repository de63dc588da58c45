package io.switchboard.workers.report;

import io.switchboard.core.broker.Undeliverable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports completions over HTTP (seed 002, SPEC C3): {@code POST <gateway>/api/v1/workflow/
 * step-completed} with {@code X-API-Key} and the body {@link Completion#toHttpBody()}.
 *
 * <ul>
 *   <li>2xx: {@link Reporter.Outcome#ACCEPTED} (the gateway answers 200 for a duplicate too);
 *   <li>404 (unknown workflow or step) and 409 (stale step, finished workflow): {@link
 *       Reporter.Outcome#STALE}, logged at INFO, not retried;
 *   <li>429, 5xx, a connection error or a timeout: retried by the {@link Backoff}; when the tries
 *       run out the future fails (transient) and the broker redelivers the step message later;
 *   <li>any other status (400, 401, 403, 413, 3xx...): final, fails with {@link Undeliverable}
 *       naming the status and the gateway's {@code message}.
 * </ul>
 *
 * <p>One keep-alive connection pool of at most {@code maxConnections} connections (default {@value
 * #DEFAULT_MAX_CONNECTIONS}; requests beyond it wait for a connection, as many as the workers hold
 * messages at once); never blocks.
 */
public final class HttpReporter implements Reporter {
  /** The gateway's completion route (seed 002). */
  public static final String PATH = "/api/v1/workflow/step-completed";

  /** The default bound of the connection pool: 16 connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(HttpReporter.class);
  private static final int MAX_EXCERPT = 200;

  private final Vertx vertx;
  private final WebClient client;
  private final String url;
  private final String apiKey;
  private final Backoff backoff;
  private final long timeoutMs;

  /**
   * @param vertx for the client and the retry timers
   * @param gateway the gateway's base URL, {@code http} or {@code https}, e.g. {@code
   *     http://127.0.0.1:8000}; a path prefix is kept
   * @param apiKey a service key of the gateway ({@code api.keys}), not blank
   * @param backoff how transient failures are retried
   * @param timeout the longest one request may take, connect included; positive
   * @throws IllegalArgumentException if {@code gateway} is not an absolute http(s) URL, {@code
   *     apiKey} is blank or {@code timeout} not positive
   */
  public HttpReporter(Vertx vertx, URI gateway, String apiKey, Backoff backoff, Duration timeout) {
    this(vertx, gateway, apiKey, backoff, timeout, DEFAULT_MAX_CONNECTIONS);
  }

  /**
   * A reporter with its own bound of the connection pool.
   *
   * @param vertx for the client and the retry timers
   * @param gateway the gateway's base URL, as for the other constructor
   * @param apiKey a service key of the gateway ({@code api.keys}), not blank
   * @param backoff how transient failures are retried
   * @param timeout the longest one request may take, connect included; positive
   * @param maxConnections the most HTTP/1.1 connections to the gateway, at least 1 (e.g. the number
   *     of step messages the workers handle at once)
   * @throws IllegalArgumentException as the other constructor, or if {@code maxConnections} is
   *     below 1
   */
  public HttpReporter(
      Vertx vertx,
      URI gateway,
      String apiKey,
      Backoff backoff,
      Duration timeout,
      int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections: must be at least 1 (got " + maxConnections + ")");
    }
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.url = url(gateway);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey: required to report over HTTP (X-API-Key)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: must be positive (got " + timeout + ")");
    }
    this.apiKey = apiKey;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.timeoutMs = timeout.toMillis();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions().setUserAgent("switchboard-worker").setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(maxConnections));
  }

  /** The completion URL for {@code gateway}, checked as the constructor says. */
  static String url(URI gateway) {
    Objects.requireNonNull(gateway, "gateway");
    String scheme = gateway.getScheme();
    if (!gateway.isAbsolute()
        || gateway.getHost() == null
        || !("http".equals(scheme) || "https".equals(scheme))) {
      throw new IllegalArgumentException(
          "gateway: " + gateway + " is not an http:// or https:// URL with a host");
    }
    String base = gateway.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + PATH;
  }

  /** {@inheritDoc} As the class comment says. */
  @Override
  public Future<Outcome> report(Completion completion) {
    Promise<Outcome> promise = Promise.promise();
    attempt(completion, 1, promise);
    return promise.future();
  }

  private void attempt(Completion c, int attempt, Promise<Outcome> promise) {
    client
        .postAbs(url)
        .putHeader("X-API-Key", apiKey)
        .timeout(timeoutMs)
        .sendJsonObject(c.toHttpBody())
        .onComplete(
            ar -> {
              String transientProblem;
              if (ar.succeeded()) {
                HttpResponse<Buffer> r = ar.result();
                int status = r.statusCode();
                if (status >= 200 && status < 300) {
                  promise.complete(Outcome.ACCEPTED);
                  return;
                }
                if (status == 404 || status == 409) {
                  LOG.info(
                      "gateway answered {} to the completion of {}/{}: {} (not retried)",
                      status,
                      c.workflowId(),
                      c.stepId(),
                      excerpt(r));
                  promise.complete(Outcome.STALE);
                  return;
                }
                if (status != 429 && status < 500) {
                  promise.fail(
                      new Undeliverable(
                          "gateway refused the completion of "
                              + c.workflowId()
                              + "/"
                              + c.stepId()
                              + " with "
                              + status
                              + ": "
                              + excerpt(r)));
                  return;
                }
                transientProblem = "HTTP " + status + ": " + excerpt(r);
              } else {
                transientProblem = ar.cause().toString();
              }
              if (attempt >= backoff.attempts()) {
                promise.fail(
                    new IllegalStateException(
                        "completion of "
                            + c.workflowId()
                            + "/"
                            + c.stepId()
                            + " not accepted after "
                            + attempt
                            + " tries: "
                            + transientProblem));
                return;
              }
              long delay = backoff.delayMs(attempt);
              LOG.debug(
                  "completion of {}/{}: {}; retrying in {} ms",
                  c.workflowId(),
                  c.stepId(),
                  transientProblem,
                  delay);
              vertx.setTimer(delay, id -> attempt(c, attempt + 1, promise));
            });
  }

  /** The gateway's {@code message} field, else the start of the body. */
  private static String excerpt(HttpResponse<Buffer> r) {
    Buffer body = r.body();
    if (body == null || body.length() == 0) {
      return "(no body)";
    }
    String text;
    try {
      String message = body.toJsonObject().getString("message");
      text = message != null ? message : body.toString();
    } catch (RuntimeException notJson) {
      text = body.toString();
    }
    return text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT) + "…" : text;
  }

  /** {@inheritDoc} Closes the connection pool. */
  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
