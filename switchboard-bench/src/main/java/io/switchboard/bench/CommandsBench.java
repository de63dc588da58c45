package io.switchboard.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The commands benchmark of issue 8 point 9 (SPEC C2 target: ≥ 2k commands/s end to end, p99 ≤ 100
 * ms), run by {@code switchboard-bench/commands.sh}.
 *
 * <p>{@code --users} users each hold a WebSocket and {@code --boards} boards of the shipped board
 * domain are created; then {@code card.add} commands go out over HTTP, open loop, at {@code --rate}
 * per second for {@code --duration} seconds (after {@code --warmup} seconds), each from a random
 * user to a random board. Per command it records the time from sending the request to the {@code
 * 202} and to the {@code command.applied} notification on the sender's socket. With {@code
 * --appends N} it instead runs N closed-loop backends appending one event at a time to streams of
 * their own with the server API ({@code POST /api/v1/streams/{stream}/events}), and reports
 * appends/s. Prints one line per figure; the shell script collects them.
 */
@Command(name = "commands-bench", mixinStandardHelpOptions = true)
public final class CommandsBench implements Callable<Integer> {
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8000")
  String url;

  @Option(names = "--secret", required = true, description = "HS256 secret of the server")
  String secret;

  @Option(names = "--api-key", description = "server API key (appends mode)")
  String apiKey;

  @Option(names = "--users", defaultValue = "50")
  int users;

  @Option(names = "--boards", defaultValue = "2000")
  int boards;

  @Option(names = "--rate", defaultValue = "1000", description = "card.add commands per second")
  int rate;

  @Option(names = "--duration", defaultValue = "20", description = "seconds measured")
  int duration;

  @Option(names = "--warmup", defaultValue = "5", description = "seconds of load before")
  int warmup;

  @Option(names = "--in-flight", defaultValue = "5000", description = "most commands unanswered")
  int inFlight;

  @Option(
      names = "--warmup-in-flight",
      defaultValue = "200",
      description =
          "most commands unanswered during the warmup: a cold JVM (JIT) is slower than the rate,"
              + " and a backlog built then would be measured as latency afterwards")
  int warmupInFlight;

  @Option(names = "--appends", defaultValue = "0", description = "appenders (appends mode)")
  int appenders;

  private final Pending pending = new Pending();
  private final ConcurrentHistogram accepted = new ConcurrentHistogram(3);
  private final AtomicLong httpErrors = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong open = new AtomicLong();
  private Vertx vertx;
  // the load's requests are made on this context (see WorkflowsBench: from the main thread a few
  // per thousand were never sent)
  private io.vertx.core.Context context;
  private HttpClient http;
  private Jwt jwt;
  private URI base;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CommandsBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    vertx = Vertx.vertx();
    base = URI.create(url);
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()),
            new PoolOptions().setHttp1MaxSize(128));
    jwt = new Jwt(secret);
    context = vertx.getOrCreateContext();
    try {
      return appenders > 0
          ? new Appends(http, apiKey, appenders).run(warmup, duration)
          : commands();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private int commands() throws Exception {
    var ws = vertx.createWebSocketClient();
    for (int i = 0; i < users; i++) {
      ws.connect(
              new WebSocketConnectOptions()
                  .setHost(base.getHost())
                  .setPort(base.getPort())
                  .setURI("/ws?token=" + jwt.mint("u" + i, 3600)))
          .onSuccess(s -> s.textMessageHandler(pending::frame))
          .await(10, TimeUnit.SECONDS);
    }
    Bench.log("connected %d users; creating %d boards", users, boards);
    List<Future<String>> creates = new ArrayList<>();
    for (int i = 0; i < boards; i++) {
      JsonObject body = new JsonObject().put("title", "bench " + i);
      creates.add(send("u" + (i % users), "board.create", body));
    }
    List<String> boardIds = new ArrayList<>();
    for (Future<String> id : creates) {
      String command = id.await(60, TimeUnit.SECONDS);
      boardIds.add(pending.streamOf(command, 60_000).substring("board-".length()));
    }
    Bench.log("load %d/s for %d s after %d s warmup", rate, duration, warmup);
    load(warmup, boardIds, warmupInFlight);
    pending.drain(30_000); // what the warmup left unanswered is not measured
    pending.measure();
    skipped.set(0);
    accepted.reset();
    long errorsBefore = httpErrors.get();
    long t0 = System.nanoTime();
    long sent = load(duration, boardIds, inFlight);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long unanswered = pending.drain(15_000);
    long done = pending.applied();
    System.out.printf(
        "commands sent %d in %.1f s (%d/s asked, %d skipped at %d in flight): applied %d (%.0f/s),"
            + " rejected %d, http errors %d, unanswered %d%n",
        sent,
        seconds,
        rate,
        skipped.get(),
        inFlight,
        done,
        done / seconds,
        pending.rejected(),
        httpErrors.get() - errorsBefore,
        unanswered);
    System.out.println("202        " + Pending.percentiles(accepted));
    System.out.println("end to end " + Pending.percentiles(pending.endToEnd()));
    return 0;
  }

  /** Open loop at {@code rate}/s for {@code seconds}; skips sends while too many are open. */
  private long load(int seconds, List<String> boardIds, int maxInFlight)
      throws InterruptedException {
    long start = System.nanoTime();
    long due = 0;
    long sent = 0;
    SplittableRandom r = new SplittableRandom(42);
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
      long now = (System.nanoTime() - start) * rate / 1_000_000_000L;
      for (; due < now; due++) {
        if (open.get() + pending.open() >= maxInFlight) {
          skipped.incrementAndGet();
          continue;
        }
        String board = boardIds.get(r.nextInt(boardIds.size()));
        JsonObject body =
            new JsonObject().put("boardId", board).put("title", "c" + due).put("column", "todo");
        String user = "u" + r.nextInt(users);
        context.runOnContext(v -> send(user, "card.add", body));
        sent++;
      }
      Thread.sleep(1);
    }
    return sent;
  }

  /** Sends a command; the future completes with its id once the 202 arrived. */
  private Future<String> send(String user, String type, JsonObject body) {
    long t0 = System.nanoTime();
    open.incrementAndGet();
    return http.request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI("/api/v1/commands/" + type)
                .putHeader("Authorization", "Bearer " + jwt.mint(user, 3600))
                .putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(Buffer.buffer(body.encode())))
        .compose(
            resp -> {
              String id = resp.getHeader("Command-Id");
              if (resp.statusCode() != 202 || id == null) {
                return resp.body()
                    .compose(b -> Future.failedFuture("HTTP " + resp.statusCode() + ": " + b));
              }
              accepted.recordValue(System.nanoTime() - t0);
              pending.sent(id, t0);
              return Future.succeededFuture(id);
            })
        .onComplete(ar -> open.decrementAndGet())
        .onFailure(
            e -> {
              if (httpErrors.incrementAndGet() <= 5) {
                Bench.log("command failed: %s", e.getMessage());
              }
            });
  }

  /** The notifications of commands in flight, matched with their send time whichever is first. */
  static final class Pending {
    private record Half(long sentAt, long notifiedAt, String stream) {}

    private final Map<String, Half> halves = new ConcurrentHashMap<>();
    private final Map<String, String> streams = new ConcurrentHashMap<>();
    private final ConcurrentHistogram endToEnd = new ConcurrentHistogram(3);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean measuring;

    void sent(String id, long t0) {
      meet(id, new Half(t0, 0, null));
    }

    void frame(String text) {
      JsonObject f = new JsonObject(text);
      JsonObject data = f.getJsonObject("data");
      if (!"notification".equals(f.getString("type")) || data == null) {
        return;
      }
      String id = data.getString("commandId");
      if (id != null) {
        boolean ok = "command.applied".equals(f.getString("event"));
        (ok ? applied : rejected).incrementAndGet();
        meet(id, new Half(0, System.nanoTime(), data.getString("stream", "")));
      }
    }

    private void meet(String id, Half half) {
      halves.compute(
          id,
          (k, other) -> {
            if (other == null) {
              return half;
            }
            long sentAt = Math.max(half.sentAt, other.sentAt);
            long notifiedAt = Math.max(half.notifiedAt, other.notifiedAt);
            streams.put(id, half.stream != null ? half.stream : other.stream);
            if (measuring) {
              endToEnd.recordValue(Math.max(0, notifiedAt - sentAt));
            }
            return null;
          });
    }

    String streamOf(String id, long timeoutMs) throws InterruptedException {
      long until = System.currentTimeMillis() + timeoutMs;
      while (!streams.containsKey(id) && System.currentTimeMillis() < until) {
        Thread.sleep(5);
      }
      String s = streams.remove(id);
      if (s == null) {
        throw new IllegalStateException("no notification for command " + id);
      }
      return s;
    }

    void measure() {
      streams.clear();
      endToEnd.reset();
      applied.set(0);
      rejected.set(0);
      measuring = true;
    }

    long open() {
      return halves.size();
    }

    /** Waits until every sent command was answered or {@code timeoutMs}; returns those left. */
    long drain(long timeoutMs) throws InterruptedException {
      long until = System.currentTimeMillis() + timeoutMs;
      while (!halves.isEmpty() && System.currentTimeMillis() < until) {
        Thread.sleep(20);
      }
      return halves.size();
    }

    long applied() {
      return applied.get();
    }

    long rejected() {
      return rejected.get();
    }

    ConcurrentHistogram endToEnd() {
      return endToEnd;
    }

    static String percentiles(ConcurrentHistogram h) {
      return String.format(
          "p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms  (%d samples)",
          h.getValueAtPercentile(50) / 1e6,
          h.getValueAtPercentile(99) / 1e6,
          h.getValueAtPercentile(99.9) / 1e6,
          h.getMaxValue() / 1e6,
          h.getTotalCount());
    }
  }
}
