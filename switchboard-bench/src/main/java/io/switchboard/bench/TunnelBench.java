package io.switchboard.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The tunnel benchmark's load generator (issue 10 point 7; SPEC C4 target: at most 1 ms added at
 * p50 and 5 ms at p99, at 1k requests/s). Per rate it runs the same open-loop load twice: {@code
 * direct} posts a payload to the local service ({@code --direct}), {@code tunnel} posts {@code
 * {project_id, type: "echo", data: {body: payload}}} to {@code /event/send} of the caller node(s),
 * which the agent forwards to the same service. Latency is measured from each request's scheduled
 * time (no coordinated omission). Prints requests/s answered, errors and p50/p99/p99.9 per phase,
 * then the tunnel's added latency.
 */
@Command(name = "tunnel-bench", mixinStandardHelpOptions = true)
public final class TunnelBench implements Callable<Integer> {
  @Option(
      names = "--callers",
      required = true,
      split = ",",
      description = "node base URLs, comma separated")
  List<String> callers;

  @Option(names = "--direct", required = true, description = "the local service's echo URL")
  String direct;

  @Option(names = "--project", defaultValue = "bench")
  String project;

  @Option(names = "--api-key", required = true)
  String apiKey;

  @Option(names = "--rates", split = ",", defaultValue = "1000")
  List<Integer> rates;

  @Option(names = "--duration", defaultValue = "20", description = "seconds measured per phase")
  int duration;

  @Option(names = "--warmup", defaultValue = "10", description = "seconds of load before each")
  int warmup;

  @Option(names = "--payload", defaultValue = "100", description = "bytes of the echoed string")
  int payload;

  @Option(names = "--max-in-flight", defaultValue = "2000")
  int maxInFlight;

  @Option(
      names = "--prime",
      defaultValue = "60",
      description =
          "seconds of unmeasured load (direct and tunnel, at the highest rate) before the first"
              + " phase: four fresh JVMs (node(s), agent, service, generator) spend their first"
              + " minute in the JIT compiler on two cores")
  int prime;

  private Vertx vertx;
  private HttpClient http;
  private OpenLoop loop;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TunnelBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    vertx = Vertx.vertx();
    loop = new OpenLoop(vertx.getOrCreateContext(), maxInFlight);
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(256));
    String data = "x".repeat(payload);
    Buffer directBody = new JsonObject().put("body", data).toBuffer();
    Buffer tunnelBody =
        new JsonObject()
            .put("project_id", project)
            .put("type", "echo")
            .put("data", new JsonObject().put("body", new JsonObject().put("body", data)))
            .toBuffer();
    try {
      if (prime > 0) {
        int top = rates.stream().mapToInt(Integer::intValue).max().orElse(1000);
        Bench.log("priming for %d s at %d/s", prime, top);
        for (int half = 0; half < 2; half++) {
          loop.run(top, prime / 4, i -> post(URI.create(direct), directBody, false));
          loop.run(
              top,
              prime / 4,
              i ->
                  post(
                      URI.create(callers.get((int) (i % callers.size())) + "/event/send"),
                      tunnelBody,
                      true));
        }
      }
      for (int rate : rates) {
        Phase d = phase("direct", rate, i -> post(URI.create(direct), directBody, false));
        Phase t =
            phase(
                "tunnel",
                rate,
                i ->
                    post(
                        URI.create(callers.get((int) (i % callers.size())) + "/event/send"),
                        tunnelBody,
                        true));
        System.out.printf(
            "added at %d/s: p50 %+.2f ms  p99 %+.2f ms%n",
            rate, (t.p50 - d.p50) / 1e6, (t.p99 - d.p99) / 1e6);
      }
      return 0;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private record Phase(double p50, double p99) {}

  private Phase phase(String name, int rate, OpenLoop.Call call) throws InterruptedException {
    Bench.log("%s at %d/s: %d s warmup, %d s measured", name, rate, warmup, duration);
    loop.run(rate, warmup, call);
    long[] before = ProcStats.machineNanos();
    OpenLoop.Phase p = loop.run(rate, duration, call);
    long[] after = ProcStats.machineNanos();
    System.out.printf(
        "%-6s %5d/s asked: sent %d, ok %d (%.0f/s), errors %d, unanswered %d | p50 %.2f ms  p99"
            + " %.2f ms  p99.9 %.2f ms  max %.2f ms (due %s)%n",
        name,
        rate,
        p.sent(),
        p.ok(),
        p.ok() / p.seconds(),
        p.errors(),
        loop.open(),
        p.p(50),
        p.p(99),
        p.p(99.9),
        p.latency().getMaxValue() / 1e6,
        java.time.Instant.ofEpochMilli(p.worstAt()).toString().substring(11, 23));
    if (before != null && after != null) {
      // what the machine's processes used and what the hypervisor took away meanwhile: a phase
      // with much steal measured a contended host, not the system under test
      System.out.printf(
          "%-6s %5d/s machine: processes %.2f cores, steal %.2f cores%n",
          name,
          rate,
          (after[0] - before[0]) / 1e9 / p.seconds(),
          (after[2] - before[2]) / 1e9 / p.seconds());
    }
    return new Phase(p.p(50) * 1e6, p.p(99) * 1e6);
  }

  private Future<Void> post(URI uri, Buffer body, boolean apiKey) {
    RequestOptions o =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(uri.getHost())
            .setPort(uri.getPort())
            .setURI(uri.getRawPath())
            .putHeader("Content-Type", "application/json");
    if (apiKey) {
      o.putHeader("X-API-Key", this.apiKey);
    }
    return http.request(o)
        .compose(req -> req.send(body))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b ->
                            resp.statusCode() == 200 && !b.toString().contains("\"error\":{")
                                ? Future.<Void>succeededFuture()
                                : Future.failedFuture("HTTP " + resp.statusCode() + ": " + b)));
  }
}
