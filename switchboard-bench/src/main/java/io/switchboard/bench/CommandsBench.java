package io.switchboard.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
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
 * The commands benchmark (issue 8, point 9; SPEC target ≥ 2k commands/s end to end, p99 ≤ 100 ms):
 * {@code --users} users each hold a WebSocket; {@code --boards} boards are created; then {@code
 * card.add} commands go out over HTTP at {@code --rate} per second for {@code --duration} seconds,
 * each from a random user to a random board, and the time from sending the HTTP request to the
 * {@code command.applied} notification on the sender's socket is recorded. Prints commands/s
 * applied in the window, the 202 latency and the end-to-end latency percentiles.
 */
@Command(name = "commands-bench", mixinStandardHelpOptions = true)
public final class CommandsBench implements Callable<Integer> {
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8000")
  String url;

  @Option(names = "--secret", required = true, description = "HS256 secret of the server")
  String secret;

  @Option(names = "--users", defaultValue = "50")
  int users;

  @Option(names = "--boards", defaultValue = "200")
  int boards;

  @Option(names = "--rate", defaultValue = "1000", description = "card.add commands per second")
  int rate;

  @Option(names = "--duration", defaultValue = "20")
  int duration;

  @Option(names = "--warmup", defaultValue = "5")
  int warmup;

  @Option(names = "--in-flight", defaultValue = "2000", description = "most HTTP requests open")
  int inFlight;

  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Long> earlyNotifications = new ConcurrentHashMap<>();
  private final ConcurrentHistogram endToEnd = new ConcurrentHistogram(3);
  private final ConcurrentHistogram accepted = new ConcurrentHistogram(3);
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong httpErrors = new AtomicLong();
  private final AtomicLong open = new AtomicLong();
  private final List<String> boardIds = new ArrayList<>();
  private final Map<String, io.vertx.core.Promise<String>> pendingCreates =
      new ConcurrentHashMap<>();
  private final Map<String, String> earlyStreams = new ConcurrentHashMap<>();
  private volatile boolean measuring;
  private Vertx vertx;
  private HttpClient http;
  private Jwt jwt;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CommandsBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    vertx = Vertx.vertx();
    URI base = URI.create(url);
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    jwt = new Jwt(secret);
    WebSocketClient ws = vertx.createWebSocketClient();
    for (int i = 0; i < users; i++) {
      String user = "u" + i;
      ws.connect(
              new WebSocketConnectOptions()
                  .setHost(base.getHost())
                  .setPort(base.getPort())
                  .setURI("/ws?token=" + jwt.mint(user, 3600)))
          .onSuccess(s -> s.textMessageHandler(this::frame))
          .await(10, TimeUnit.SECONDS);
    }
    Bench.log("connected %d users; creating %d boards", users, boards);
    List<io.vertx.core.Promise<String>> creates = new ArrayList<>();
    for (int i = 0; i < boards; i++) {
      io.vertx.core.Promise<String> created = io.vertx.core.Promise.promise();
      creates.add(created);
      String id =
          send("u" + (i % users), "board.create", new JsonObject().put("title", "bench " + i))
              .await(30, TimeUnit.SECONDS);
      pendingCreates.put(id, created);
      String early = earlyStreams.remove(id);
      if (early != null) {
        created.tryComplete(early);
      }
    }
    for (io.vertx.core.Promise<String> c : creates) {
      boardIds.add(c.future().await(30, TimeUnit.SECONDS));
    }
    Bench.log(
        "boards created (%d applied); load %d/s for %d s after %d s warmup",
        applied.get(), rate, duration, warmup);
    run(warmup, false);
    endToEnd.reset();
    accepted.reset();
    long appliedBefore = applied.get();
    long t0 = System.nanoTime();
    run(duration, true);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!sentAt.isEmpty() && System.nanoTime() < drainUntil) {
      Thread.sleep(50);
    }
    long done = applied.get() - appliedBefore;
    System.out.printf(
        "commands   sent at %d/s for %.1f s: applied %d (%.0f/s), rejected %d, http errors %d, unanswered %d%n",
        rate, seconds, done, done / seconds, rejected.get(), httpErrors.get(), sentAt.size());
    System.out.printf(
        "202        p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms%n",
        ms(accepted, 50), ms(accepted, 99), ms(accepted, 99.9), accepted.getMaxValue() / 1e6);
    System.out.printf(
        "end to end p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms  (%d samples)%n",
        ms(endToEnd, 50),
        ms(endToEnd, 99),
        ms(endToEnd, 99.9),
        endToEnd.getMaxValue() / 1e6,
        endToEnd.getTotalCount());
    vertx.close().await(10, TimeUnit.SECONDS);
    return 0;
  }

  private static double ms(ConcurrentHistogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e6;
  }

  /**
   * Open loop at {@code rate}/s for {@code seconds}; skips a tick's sends while too many are open.
   */
  private void run(int seconds, boolean measure) throws InterruptedException {
    measuring = measure;
    long start = System.nanoTime();
    long sent = 0;
    java.util.SplittableRandom r = new java.util.SplittableRandom(42);
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
      long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
      while (sent < due) {
        sent++;
        if (open.get() >= inFlight) {
          continue;
        }
        String user = "u" + r.nextInt(users);
        String board = boardIds.get(r.nextInt(boardIds.size()));
        send(
            user,
            "card.add",
            new JsonObject().put("boardId", board).put("title", "c" + sent).put("column", "todo"));
      }
      Thread.sleep(1);
    }
  }

  /** Sends a command; the future completes with the board id of a create, else the command id. */
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
              open.decrementAndGet();
              String id = resp.getHeader("Command-Id");
              if (resp.statusCode() != 202 || id == null) {
                httpErrors.incrementAndGet();
                return resp.body()
                    .compose(b -> Future.failedFuture("HTTP " + resp.statusCode() + ": " + b));
              }
              if (measuring) {
                accepted.recordValue(System.nanoTime() - t0);
              }
              Long early = earlyNotifications.remove(id);
              if (early != null) {
                record(early - t0);
              } else {
                sentAt.put(id, t0);
              }
              return resp.body().map(b -> type.equals("board.create") ? id : id);
            })
        .onFailure(
            e -> {
              if (open.get() > 0
                  && !(e.getMessage() != null && e.getMessage().startsWith("HTTP "))) {
                open.decrementAndGet();
              }
              httpErrors.incrementAndGet();
            });
  }

  private void frame(String text) {
    JsonObject f = new JsonObject(text);
    if (!"notification".equals(f.getString("type"))) {
      return;
    }
    JsonObject data = f.getJsonObject("data");
    String id = data == null ? null : data.getString("commandId");
    if (id == null) {
      return;
    }
    long now = System.nanoTime();
    String stream = data.getString("stream", "");
    String board = stream.startsWith("board-") ? stream.substring("board-".length()) : stream;
    io.vertx.core.Promise<String> created = pendingCreates.remove(id);
    if (created != null) {
      created.tryComplete(board);
    } else if ("board.create".equals(data.getString("type"))) {
      earlyStreams.put(id, board); // a create's notification before its 202 was read
    }
    if ("command.rejected".equals(f.getString("event"))) {
      rejected.incrementAndGet();
    } else {
      applied.incrementAndGet();
    }
    Long t0 = sentAt.remove(id);
    if (t0 == null) {
      earlyNotifications.put(id, now);
    } else {
      record(now - t0);
    }
  }

  private void record(long nanos) {
    if (measuring) {
      endToEnd.recordValue(Math.max(0, nanos));
    }
  }
}
