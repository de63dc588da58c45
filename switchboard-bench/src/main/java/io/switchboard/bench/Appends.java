package io.switchboard.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The appends half of {@link CommandsBench}: {@code appenders} backends, closed loop, each
 * appending one event at a time with the expected version to a stream of its own through {@code
 * POST /api/v1/streams/{stream}/events} (server API key, docs/commands.md). Every append is one
 * store transaction with its outbox row, so appends/s is the event store's write rate through HTTP.
 */
final class Appends {
  private final HttpClient http;
  private final String apiKey;
  private final int appenders;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final ConcurrentHistogram latency = new ConcurrentHistogram(3);
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean stopped;

  Appends(HttpClient http, String apiKey, int appenders) {
    if (apiKey == null) {
      throw new IllegalArgumentException("--appends needs --api-key");
    }
    this.http = http;
    this.apiKey = apiKey;
    this.appenders = appenders;
  }

  int run(int warmup, int duration) throws InterruptedException {
    for (int i = 0; i < appenders; i++) {
      next("bench-" + run + "-" + i, 0);
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
    latency.reset();
    long before = done.get();
    long failedBefore = failed.get();
    long t0 = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(duration));
    long n = done.get() - before;
    double seconds = (System.nanoTime() - t0) / 1e9;
    stopped = true;
    System.out.printf(
        "appends %d in %.1f s by %d appenders: %.0f/s, failed %d%n",
        n, seconds, appenders, n / seconds, failed.get() - failedBefore);
    System.out.println("append     " + CommandsBench.Pending.percentiles(latency));
    return 0;
  }

  /** Appends version {@code expected + 1} to {@code stream}, then the next one. */
  private void next(String stream, long expected) {
    if (stopped) {
      return;
    }
    long t0 = System.nanoTime();
    JsonObject body =
        new JsonObject()
            .put("expectedVersion", expected)
            .put(
                "events",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "bench.appended")
                            .put("data", new JsonObject().put("n", expected + 1))));
    http.request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI("/api/v1/streams/" + stream + "/events")
                .putHeader("X-API-Key", apiKey)
                .putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(Buffer.buffer(body.encode())))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b ->
                            resp.statusCode() == 201
                                ? Future.succeededFuture(b.toJsonObject().getLong("version"))
                                : Future.failedFuture("HTTP " + resp.statusCode() + ": " + b)))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                latency.recordValue(System.nanoTime() - t0);
                done.incrementAndGet();
                next(stream, ar.result());
              } else if (!stopped) {
                if (failed.incrementAndGet() <= 5) {
                  Bench.log("append failed: %s", ar.cause().getMessage());
                }
                next(stream, expected);
              }
            });
  }
}
