package io.switchboard.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The edge benchmark's load generator (issue 11 point 6). Two parts, one run:
 *
 * <ol>
 *   <li><b>Logins/s</b>: registers {@code --users} users on {@code --login}, then {@code
 *       --concurrency} closed loops log in for {@code --login-seconds} (each login is one Argon2id
 *       verification with the node's {@code edge.argon2*} parameters, on its worker threads).
 *   <li><b>The cost of rate limiting on a server-API publish</b>: the same open-loop publish load
 *       ({@code POST /api/v1/server/rooms/chat:bench/publications}) on each {@code --targets} node
 *       in turn, {@code --rounds} times, merging each target's rounds: a node with {@code
 *       rateLimits.enabled: false}, one whose server key takes a token from a memory bucket per
 *       request, and the same two on the Redis engine (the bucket in Redis). The API-key check
 *       itself is on in all of them (it cannot be turned off). Prints p50/p99 per target and, for
 *       each node with limits, the difference to its twin without.
 * </ol>
 */
@Command(name = "edge-bench", mixinStandardHelpOptions = true)
public final class EdgeBench implements Callable<Integer> {
  @Option(names = "--login", required = true, description = "base URL of the node for logins")
  String login;

  @Option(
      names = "--targets",
      required = true,
      split = ",",
      description =
          "name=baseURL, comma separated, in pairs: a node without rate limits, then the same"
              + " node with them (each second one is compared with the one before it)")
  List<String> targets;

  @Option(names = "--api-key", required = true)
  String apiKey;

  @Option(names = "--users", defaultValue = "16")
  int users;

  @Option(names = "--concurrency", defaultValue = "4")
  int concurrency;

  @Option(names = "--login-seconds", defaultValue = "20")
  int loginSeconds;

  @Option(names = "--rate", defaultValue = "2000", description = "publishes/s per phase")
  int rate;

  @Option(names = "--duration", defaultValue = "10", description = "seconds measured per phase")
  int duration;

  @Option(names = "--warmup", defaultValue = "20", description = "seconds of load per target first")
  int warmup;

  @Option(names = "--rounds", defaultValue = "3")
  int rounds;

  private static final String PASSWORD = "Bench-Passw0rd!";

  private HttpClient http;
  private OpenLoop loop;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EdgeBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(256));
    loop = new OpenLoop(vertx.getOrCreateContext(), 2000);
    try {
      logins();
      publishes();
      return 0;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private void logins() throws Exception {
    URI base = URI.create(login);
    for (int u = 0; u < users; u++) {
      JsonObject r =
          new JsonObject()
              .put("email", "bench" + u + "@example.com")
              .put("password", PASSWORD)
              .put("firstName", "Bench")
              .put("lastName", "User");
      int status =
          post(base, "/api/v1/auth/register", r.toBuffer(), null).await(30, TimeUnit.SECONDS);
      if (status != 201 && status != 409) {
        throw new IllegalStateException("register answered " + status);
      }
    }
    Bench.log("logins: %d users, %d concurrent, %d s", users, concurrency, loginSeconds);
    ConcurrentHistogram h = new ConcurrentHistogram(3);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(loginSeconds);
    long t0 = System.nanoTime();
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      Promise<Void> done = Promise.promise();
      loginLoop(base, c, end, h, ok, failed, done);
      loops.add(done.future());
    }
    Future.join(loops).await(loginSeconds + 60L, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "logins  %d concurrent: ok %d (%.1f/s), failed %d | p50 %.1f ms  p99 %.1f ms%n",
        concurrency,
        ok.get(),
        ok.get() / seconds,
        failed.get(),
        h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(99) / 1e6);
  }

  private void loginLoop(
      URI base,
      long n,
      long end,
      ConcurrentHistogram h,
      AtomicLong ok,
      AtomicLong failed,
      Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    JsonObject body =
        new JsonObject()
            .put("email", "bench" + (n % users) + "@example.com")
            .put("password", PASSWORD);
    long start = System.nanoTime();
    post(base, "/api/v1/auth/login", body.toBuffer(), null)
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result() == 200) {
                ok.incrementAndGet();
                h.recordValue(System.nanoTime() - start);
              } else if (failed.incrementAndGet() <= 5) {
                Bench.log("login failed: %s", ar.succeeded() ? "HTTP " + ar.result() : ar.cause());
              }
              loginLoop(base, n + concurrency, end, h, ok, failed, done);
            });
  }

  private void publishes() throws Exception {
    Map<String, URI> nodes = new LinkedHashMap<>();
    for (String t : targets) {
      String[] kv = t.split("=", 2);
      nodes.put(kv[0], URI.create(kv[1]));
    }
    Buffer body = new JsonObject().put("event", "bench").put("data", "x".repeat(100)).toBuffer();
    Map<String, ConcurrentHistogram> merged = new LinkedHashMap<>();
    for (Map.Entry<String, URI> e : nodes.entrySet()) {
      Bench.log("publish warmup on %s: %d s at %d/s", e.getKey(), warmup, rate);
      loop.run(rate, warmup, i -> publish(e.getValue(), body));
      merged.put(e.getKey(), new ConcurrentHistogram(3));
    }
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, URI> e : nodes.entrySet()) {
        OpenLoop.Phase p = loop.run(rate, duration, i -> publish(e.getValue(), body));
        System.out.printf(
            "publish %-10s round %d at %d/s: ok %d, errors %d | p50 %.3f ms  p99 %.3f ms%n",
            e.getKey(), round, rate, p.ok(), p.errors(), p.p(50), p.p(99));
        merged.get(e.getKey()).add(p.latency());
      }
    }
    List<String> names = new ArrayList<>(merged.keySet());
    for (int k = 0; k < names.size(); k++) {
      ConcurrentHistogram h = merged.get(names.get(k));
      String line =
          String.format(
              "publish %-10s all rounds: p50 %.3f ms  p99 %.3f ms",
              names.get(k), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6);
      if (k % 2 == 1) {
        ConcurrentHistogram b = merged.get(names.get(k - 1));
        line +=
            String.format(
                " | vs %s: p50 %+.3f ms  p99 %+.3f ms",
                names.get(k - 1),
                (h.getValueAtPercentile(50) - b.getValueAtPercentile(50)) / 1e6,
                (h.getValueAtPercentile(99) - b.getValueAtPercentile(99)) / 1e6);
      }
      System.out.println(line);
    }
  }

  private Future<Void> publish(URI base, Buffer body) {
    return post(base, "/api/v1/server/rooms/chat:bench/publications", body, apiKey)
        .compose(s -> s == 200 ? Future.succeededFuture() : Future.failedFuture("HTTP " + s));
  }

  private Future<Integer> post(URI base, String path, Buffer body, String key) {
    RequestOptions o =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(base.getHost())
            .setPort(base.getPort())
            .setURI(path)
            .putHeader("Content-Type", "application/json");
    if (key != null) {
      o.putHeader("X-API-Key", key);
    }
    return http.request(o)
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }
}
