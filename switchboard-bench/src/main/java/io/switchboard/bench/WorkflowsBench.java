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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The workflows benchmark of issue 9 point 9 (SPEC C3 target: ≥ 1k step transitions/s), run by
 * {@code switchboard-bench/capabilities.sh workflows}: {@code --users} users upload products
 * ({@code POST /api/v1/workflow/upload}, the seed's three-step {@code product} workflow) open loop
 * at {@code --rate} per second for {@code --duration} seconds after {@code --warmup}; the example
 * workers (in the node, or {@code switchboard worker}) run the steps. It reads the node's workflow
 * counters before and after the window, then each measured workflow's status, and prints workflows
 * completed/s, step transitions/s (each workflow makes four: started, and three steps completed,
 * the last of which completes it), the 202 latency and upload-to-completed latency ({@code
 * completed_at - created_at}, the node's clock).
 */
@Command(name = "workflows-bench", mixinStandardHelpOptions = true)
public final class WorkflowsBench implements Callable<Integer> {
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8000")
  String url;

  @Option(names = "--secret", required = true, description = "HS256 secret of the server")
  String secret;

  @Option(names = "--users", defaultValue = "20")
  int users;

  @Option(names = "--rate", defaultValue = "100", description = "uploads per second")
  int rate;

  @Option(names = "--duration", defaultValue = "20", description = "seconds measured")
  int duration;

  @Option(names = "--warmup", defaultValue = "20", description = "seconds of load before")
  int warmup;

  @Option(names = "--in-flight", defaultValue = "512", description = "most uploads unanswered")
  int inFlight;

  private final ConcurrentHistogram accepted = new ConcurrentHistogram(3);
  private final ConcurrentHistogram endToEnd = new ConcurrentHistogram(3);
  private final Map<String, String> measured = new ConcurrentHashMap<>(); // id -> user
  private final AtomicLong open = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private HttpClient http;
  // every request is made on this context: requests made from the main thread sometimes were
  // never sent (a few per thousand at 300/s, stuck in the client; Vert.x 5.0.10)
  private io.vertx.core.Context context;
  private Jwt jwt;

  public static void main(String[] args) {
    System.exit(new CommandLine(new WorkflowsBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    URI base = URI.create(url);
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()),
            new PoolOptions().setHttp1MaxSize(64));
    jwt = new Jwt(secret);
    context = vertx.getOrCreateContext();
    try {
      Bench.log("uploads %d/s for %d s after %d s warmup", rate, duration, warmup);
      load(warmup, false);
      Map<String, Double> before = counters();
      accepted.reset();
      skipped.set(0);
      long t0 = System.nanoTime();
      long sent = load(duration, true);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Double> after = counters();
      drain();
      long[] outcome = latencies();
      double done = after.get("completed") - before.get("completed");
      double steps = after.get("steps") - before.get("steps");
      double started = after.get("started") - before.get("started");
      System.out.printf(
          "workflows uploaded %d in %.1f s (%d/s asked, %d skipped at %d in flight, %d errors,"
              + " %d unanswered):"
              + " %.0f completed/s, %.0f step transitions/s (%.0f started + %.0f steps"
              + " completed /s); of the measured: %d completed, %d failed, %d unfinished%n",
          sent,
          seconds,
          rate,
          skipped.get(),
          inFlight,
          errors.get(),
          open.get(),
          done / seconds,
          (started + steps) / seconds,
          started / seconds,
          steps / seconds,
          outcome[0],
          outcome[1],
          outcome[2]);
      System.out.println("202        " + CommandsBench.Pending.percentiles(accepted));
      System.out.println("completed  " + CommandsBench.Pending.percentiles(endToEnd));
      long until = System.currentTimeMillis() + 20_000;
      while (open.get() > 0 && System.currentTimeMillis() < until) {
        Thread.sleep(100);
      }
      System.out.printf(
          "uploads   unanswered 20 s later: %d; errors (incl. 15 s timeouts) %d%n",
          open.get(), errors.get());
      return 0;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private long load(int seconds, boolean measure) throws InterruptedException {
    long start = System.nanoTime();
    long due = 0;
    long sent = 0;
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
      long now = (System.nanoTime() - start) * rate / 1_000_000_000L;
      for (; due < now; due++) {
        if (open.get() >= inFlight) {
          skipped.incrementAndGet();
          continue;
        }
        long n = due;
        context.runOnContext(v -> upload("u" + (n % users), n, measure));
        sent++;
      }
      Thread.sleep(1);
    }
    return sent;
  }

  private void upload(String user, long n, boolean measure) {
    JsonObject product =
        new JsonObject()
            .put("name", "Product " + n)
            .put("description", "benchmark product number " + n)
            .put("images", new JsonArray().add("p" + n + "-front.jpg").add("p" + n + "-back.jpg"))
            .put("category", "Electronics")
            .put("price", 10 + n % 90);
    long t0 = System.nanoTime();
    open.incrementAndGet();
    call(HttpMethod.POST, "/api/v1/workflow/upload", user, product)
        .onComplete(ar -> open.decrementAndGet())
        .onSuccess(
            body -> {
              accepted.recordValue(System.nanoTime() - t0);
              if (measure) {
                measured.put(body.getString("workflow_id"), user);
              }
            })
        .onFailure(e -> logError("upload", e));
  }

  private Future<JsonObject> call(HttpMethod method, String path, String user, JsonObject body) {
    return http.request(
            new RequestOptions()
                .setMethod(method)
                .setURI(path)
                .setIdleTimeout(15_000) // a request unanswered for 15 s fails (counted in errors)
                .putHeader("Authorization", "Bearer " + jwt.mint(user, 3600))
                .putHeader("Content-Type", "application/json"))
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body.encode())))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b ->
                            resp.statusCode() / 100 == 2
                                ? Future.succeededFuture(b.toJsonObject())
                                : Future.failedFuture("HTTP " + resp.statusCode() + ": " + b)));
  }

  private void logError(String what, Throwable e) {
    if (errors.incrementAndGet() <= 5) {
      Bench.log("%s failed: %s", what, e.getMessage());
    }
  }

  /** Waits up to 60 s for the node's started count to be matched by completed plus failed. */
  private void drain() throws Exception {
    long until = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < until) {
      Map<String, Double> c = counters();
      if (c.get("completed") + c.get("failed") >= c.get("started")) {
        return;
      }
      Thread.sleep(200);
    }
  }

  /** completed_at - created_at of every measured workflow: {completed, failed, unfinished}. */
  private long[] latencies() throws Exception {
    long[] outcome = new long[3];
    List<Future<JsonObject>> reads = new ArrayList<>();
    for (Map.Entry<String, String> e : measured.entrySet()) {
      Promise<JsonObject> read = Promise.promise();
      context.runOnContext(
          v ->
              call(
                      HttpMethod.GET,
                      "/api/v1/workflow/status?workflow_id=" + e.getKey(),
                      e.getValue(),
                      null)
                  .onComplete(read));
      reads.add(
          read.future()
              .onSuccess(
                  wf -> {
                    if ("completed".equals(wf.getString("status"))) {
                      endToEnd.recordValue(
                          Duration.between(
                                  Instant.parse(wf.getString("created_at")),
                                  Instant.parse(wf.getString("completed_at")))
                              .toNanos());
                    }
                  }));
      if (reads.size() % 64 == 0) {
        settle(reads.subList(reads.size() - 64, reads.size()));
      }
    }
    settle(reads);
    for (Future<JsonObject> f : reads) {
      String s = f.succeeded() ? f.result().getString("status") : "";
      outcome["completed".equals(s) ? 0 : "failed".equals(s) ? 1 : 2]++;
    }
    return outcome;
  }

  /** Waits until every read answered or failed (each fails after 15 s without an answer). */
  private static void settle(List<Future<JsonObject>> reads) throws Exception {
    try {
      Future.join(new ArrayList<>(reads)).await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      Bench.log("status reads still unanswered after 30 s: counted as unfinished");
    }
  }

  /** The node's workflow counters: started, completed, failed, steps (completed). */
  private Map<String, Double> counters() throws Exception {
    String text =
        http.request(HttpMethod.GET, "/metrics")
            .compose(r -> r.send().compose(resp -> resp.body()))
            .await(10, TimeUnit.SECONDS)
            .toString();
    Map<String, Double> c = new ConcurrentHashMap<>();
    c.put("started", sum(text, "switchboard_workflows_total{outcome=\"started\""));
    c.put("completed", sum(text, "switchboard_workflows_total{outcome=\"completed\""));
    c.put("failed", sum(text, "switchboard_workflows_total{outcome=\"failed\""));
    c.put("steps", sum(text, "switchboard_workflow_steps_total{outcome=\"completed\""));
    return c;
  }

  private static double sum(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
