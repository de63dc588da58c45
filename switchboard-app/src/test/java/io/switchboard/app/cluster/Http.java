package io.switchboard.app.cluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;

/**
 * The commands HTTP API of a {@link Cluster} (SPEC C2; docs/commands.md) as a browser and a backend
 * call it: commands and queries with a user's token, stream appends with the server API key, and
 * the Prometheus metrics of a node.
 */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A reply: status, the {@code Command-Id} header (or null), the body as text. */
  record Reply(int status, String commandId, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final Cluster cluster;

  Http(Cluster cluster) {
    this.cluster = cluster;
  }

  /** {@code POST /api/v1/commands/{type}} on node {@code i} as {@code user}. */
  Reply command(int i, String user, String type, JsonObject body, String idempotencyKey) {
    return join(commandAsync(i, user, type, body.encode(), idempotencyKey));
  }

  /** The same, without waiting; {@code body} is sent as is. */
  CompletableFuture<Reply> commandAsync(
      int i, String user, String type, String body, String idempotencyKey) {
    HttpRequest.Builder r =
        request(i, "/api/v1/commands/" + type)
            .header("Authorization", "Bearer " + cluster.token(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      r.header("Idempotency-Key", idempotencyKey);
    }
    return send(r.build());
  }

  /** A user's {@code GET} of {@code path} on node {@code i}. */
  Reply get(int i, String user, String path) {
    return join(
        send(request(i, path).header("Authorization", "Bearer " + cluster.token(user)).build()));
  }

  /** A backend's {@code POST /api/v1/streams/{stream}/events} on node {@code i}. */
  CompletableFuture<Reply> appendAsync(int i, String stream, JsonObject body) {
    return send(
        request(i, "/api/v1/streams/" + stream + "/events")
            .header("X-API-Key", Cluster.API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build());
  }

  /** A backend's {@code POST} of {@code path} with the API key and {@code body}. */
  Reply backend(int i, String path, JsonObject body) {
    HttpRequest.Builder r = request(i, path).header("X-API-Key", Cluster.API_KEY);
    return join(
        send(
            (body == null
                    ? r.GET()
                    : r.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.encode())))
                .build()));
  }

  /** The command's record once it is {@code applied} or {@code rejected} (within 60 s). */
  JsonObject awaitOutcome(int i, String user, String commandId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Reply r = get(i, user, "/api/v1/commands/" + commandId);
              return r.status() == 200 ? r.json() : new JsonObject();
            },
            j ->
                "applied".equals(j.getString("status"))
                    || "rejected".equals(j.getString("status")));
  }

  /** The sum of a counter or gauge over its label sets in node {@code i}'s {@code /metrics}. */
  double metric(int i, String name) {
    String text = join(send(request(i, "/metrics").build())).body();
    return text.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private HttpRequest.Builder request(int i, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.node(i).port + path))
        .timeout(Duration.ofSeconds(20));
  }

  private static CompletableFuture<Reply> send(HttpRequest request) {
    return CLIENT
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            r -> {
              Optional<String> id = r.headers().firstValue("Command-Id");
              return new Reply(r.statusCode(), id.orElse(null), r.body());
            });
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError("HTTP request failed: " + e, e);
    }
  }

  static boolean isIo(Throwable e) {
    return e instanceof IOException || e.getCause() instanceof IOException;
  }
}
