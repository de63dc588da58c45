package io.switchboard.hooks.webhook;

import io.switchboard.hooks.delivery.Answer;
import io.switchboard.hooks.delivery.Signer;
import io.switchboard.hooks.delivery.Target;
import io.switchboard.hooks.endpoint.Endpoint;
import io.switchboard.hooks.endpoint.Endpoints;
import io.switchboard.server.signal.Signal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;

/**
 * One attempt to deliver a signal to an endpoint: {@code POST <url>} with the JSON body {@code {id,
 * type, subject, user, data, at}} and the headers {@code Switchboard-Webhook-Id} (the signal's id,
 * the same on every retry: receivers dedupe on it), {@code Switchboard-Webhook-Timestamp} (unix
 * seconds of this attempt) and {@code Switchboard-Webhook-Signature} ({@link Signer}); the answer
 * must come within {@code hooks.timeout}. Redirects are not followed (a 3xx is permanent).
 */
public final class WebhookTarget implements Target {
  /** The header of the signal id. */
  public static final String ID = "Switchboard-Webhook-Id";

  /** The header of the attempt's unix time, seconds. */
  public static final String TIMESTAMP = "Switchboard-Webhook-Timestamp";

  /** The header of the signature. */
  public static final String SIGNATURE = "Switchboard-Webhook-Signature";

  private final Endpoint endpoint;
  private final WebClient client;
  private final Duration timeout;
  private final java.util.function.Supplier<Future<Boolean>> alive;

  /**
   * @param endpoint where to
   * @param client the shared client (redirects off)
   * @param timeout {@code hooks.timeout}
   * @param endpoints the registered endpoints, asked whether this one still is before a retry
   */
  public WebhookTarget(Endpoint endpoint, WebClient client, Duration timeout, Endpoints endpoints) {
    this.endpoint = endpoint;
    this.client = client;
    this.timeout = timeout;
    this.alive =
        () ->
            endpoints
                .all(true)
                .map(list -> list.stream().anyMatch(e -> e.id().equals(endpoint.id())));
  }

  @Override
  public Future<Boolean> alive() {
    return alive.get();
  }

  @Override
  public String id() {
    return endpoint.id();
  }

  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public Future<Answer> send(Signal signal) {
    String body = signal.toJson().encode();
    long timestamp = System.currentTimeMillis() / 1000;
    try {
      return client
          .postAbs(endpoint.url())
          .timeout(timeout.toMillis())
          .followRedirects(false)
          .putHeader("Content-Type", "application/json")
          .putHeader("User-Agent", "Switchboard-Webhooks/1")
          .putHeader(ID, signal.id().toString())
          .putHeader(TIMESTAMP, Long.toString(timestamp))
          .putHeader(SIGNATURE, Signer.sign(endpoint.secret(), timestamp, body))
          .sendBuffer(Buffer.buffer(body))
          .map(
              r ->
                  new Answer(
                      r.statusCode(),
                      error(r.statusCode()),
                      Answer.retryAfter(r.getHeader("Retry-After"))))
          .otherwise(e -> Answer.failed(describe(e)));
    } catch (RuntimeException e) { // a url the client cannot use
      return Future.succeededFuture(Answer.failed(describe(e)));
    }
  }

  private static String error(int status) {
    return status >= 200 && status < 300 ? null : "HTTP " + status;
  }

  /** The failure without a URL (its path or query may carry a receiver's token). */
  private static String describe(Throwable e) {
    String kind = e.getClass().getSimpleName();
    if (e instanceof java.net.ConnectException
        || String.valueOf(e.getMessage()).startsWith("Connection refused")) {
      return kind + ": connection refused or unreachable";
    }
    if (e instanceof java.util.concurrent.TimeoutException
        || kind.contains("Timeout")
        || String.valueOf(e.getMessage()).contains("timeout")) {
      return kind + ": no answer within the timeout";
    }
    return kind;
  }
}
