package io.switchboard.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load generator driving Switchboard (switchboard.v1) and a Socket.IO 4 peer (Engine.IO v4 /
 * Socket.IO v5 over a raw WebSocket) from the same JVM with the same client code.
 */
@Command(
    name = "switchboard-bench",
    mixinStandardHelpOptions = true,
    version = "switchboard-bench 0.1.0",
    sortOptions = false,
    description =
        "WebSocket load generator: Switchboard vs Socket.IO 4 (fanout | rooms | idle | joinroom | all).")
public final class Bench implements Callable<Integer> {

  @Option(
      names = "--scenario",
      defaultValue = "all",
      description =
          "fanout | rooms | idle | joinroom | all (default ${DEFAULT-VALUE}; all = fanout, rooms, idle)")
  String scenario;

  @Option(
      names = "--system",
      split = ",",
      defaultValue = "switchboard,socketio",
      description =
          "Systems to drive, in order: switchboard, socketio, probe (default ${DEFAULT-VALUE}); each must already be listening.")
  List<String> systems;

  @Option(
      names = "--switchboard-url",
      split = ",",
      defaultValue = "ws://127.0.0.1:8000/ws",
      description =
          "Switchboard WebSocket URL; a comma-separated list = the nodes of a cluster, connections round-robin over them (default ${DEFAULT-VALUE})")
  List<String> switchboardUrls;

  @Option(
      names = "--socketio-url",
      split = ",",
      defaultValue = "ws://127.0.0.1:3000/socket.io/",
      description =
          "Socket.IO URL; a comma-separated list = the nodes of a cluster (default ${DEFAULT-VALUE})")
  List<String> socketioUrls;

  @Option(
      names = "--probe-url",
      split = ",",
      defaultValue = "ws://127.0.0.1:8100/ws",
      description =
          "kernel-limit probe (io.switchboard.bench.Probe, issue 13) WebSocket URL (default ${DEFAULT-VALUE})")
  List<String> probeUrls;

  @Option(
      names = "--switchboard-pid",
      split = ",",
      description =
          "Switchboard server PID (for RSS/CPU from /proc); with several URLs one PID per URL, same order (summed)")
  List<Long> switchboardPids;

  @Option(
      names = "--socketio-pid",
      split = ",",
      description =
          "Socket.IO node server PID (for RSS/CPU from /proc); with several URLs one PID per URL, same order (summed)")
  List<Long> socketioPids;

  @Option(names = "--probe-pid", split = ",", description = "probe server PID (RSS/CPU)")
  List<Long> probePids;

  @Option(
      names = "--redis-pid",
      description =
          "PID of the shared redis-server (cluster runs): its CPU over the window is reported separately")
  Long redisPid;

  @Option(
      names = "--secret",
      description =
          "HS256 secret: mint one JWT per connection (sub=u<i>). Omit for auth.anonymous.")
  String secret;

  @Option(
      names = "--subscribers",
      defaultValue = "10000",
      description =
          "fanout: subscribers in the room; joinroom: connections joining the room (default ${DEFAULT-VALUE})")
  int subscribers;

  @Option(
      names = "--rate",
      defaultValue = "10",
      description = "fanout: publishes/s of the single publisher (default ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--connections",
      defaultValue = "10000",
      description = "rooms: total connections (default ${DEFAULT-VALUE})")
  int roomConnections;

  @Option(
      names = "--rooms",
      defaultValue = "1000",
      description = "rooms: number of rooms (default ${DEFAULT-VALUE})")
  int rooms;

  @Option(
      names = "--room-rate",
      defaultValue = "1",
      description = "rooms: publishes/s per room (default ${DEFAULT-VALUE})")
  double roomRate;

  @Option(
      names = "--idle-connections",
      defaultValue = "20000",
      description = "idle: connections (default ${DEFAULT-VALUE}; clamped to the fd limit)")
  int idleConnections;

  @Option(
      names = "--join-room",
      defaultValue = "chat:big",
      description =
          "joinroom: the one room every connection joins; its namespace decides presence (default ${DEFAULT-VALUE})")
  String joinRoom;

  @Option(
      names = "--tail",
      defaultValue = "12",
      description =
          "joinroom: after the ramp, keep reading frames this long before the GC + memory reading, s (default ${DEFAULT-VALUE})")
  int tailSec;

  @Option(
      names = "--duration",
      defaultValue = "20",
      description = "measurement window, s (default ${DEFAULT-VALUE})")
  int durationSec;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "publishing before the window, s (default ${DEFAULT-VALUE})")
  int warmupSec;

  @Option(
      names = "--payload",
      defaultValue = "100",
      description = "event data size in bytes (default ${DEFAULT-VALUE})")
  int payloadBytes;

  @Option(
      names = "--settle",
      defaultValue = "5",
      description = "wait after connecting before reading memory, s (default ${DEFAULT-VALUE})")
  int settleSec;

  @Option(
      names = "--drain",
      defaultValue = "10",
      description =
          "max wait for in-flight deliveries after the window, s (default ${DEFAULT-VALUE})")
  int drainSec;

  @Option(
      names = "--connect-concurrency",
      defaultValue = "200",
      description = "handshakes in flight (default ${DEFAULT-VALUE})")
  int connectConcurrency;

  @Option(
      names = "--event-loops",
      defaultValue = "2",
      description = "Vert.x event loops of the load generator (default ${DEFAULT-VALUE})")
  int eventLoops;

  @Option(
      names = "--client",
      defaultValue = "nio",
      description =
          "vertx | nio: who drives the non-publishing connections of fanout and rooms; nio = raw java.nio receivers that count frames without decoding them (default ${DEFAULT-VALUE})")
  String client;

  @Option(
      names = "--latency-sample",
      defaultValue = "8",
      description =
          "--client nio: parse t0 of every n-th delivery per selector thread (default ${DEFAULT-VALUE})")
  int latencySample;

  @Option(
      names = "--source-addresses",
      split = ",",
      defaultValue = "127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4",
      description = "loopback source addresses, round-robin (default ${DEFAULT-VALUE})")
  List<String> sourceAddresses;

  @Option(
      names = "--handshake-timeout",
      defaultValue = "20000",
      description = "per-connection handshake+join timeout, ms")
  long handshakeTimeoutMs;

  @Option(
      names = "--client-ping",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      description =
          "switchboard: send {\"type\":\"ping\"} at 80%% of the welcome heartbeat (default ${DEFAULT-VALUE})")
  boolean clientPing;

  @Option(
      names = "--gc",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      description =
          "force a server GC before each memory reading: jcmd <pid> GC.run / GET /gc on the node peer (default ${DEFAULT-VALUE})")
  boolean forceGc;

  @Option(
      names = "--results",
      description = "append one TSV row per (scenario, system) to this file")
  Path results;

  @Option(
      names = "--report",
      description = "print the comparison table from a --results file and exit")
  Path report;

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new Bench())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOverwrittenOptionsAllowed(true)
            .execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (report != null) {
      Report.printReport(report);
      return 0;
    }
    List<String> scenarios =
        switch (scenario.toLowerCase(Locale.ROOT)) {
          case "all" -> List.of("fanout", "rooms", "idle");
          case "fanout", "rooms", "idle", "joinroom" -> List.of(scenario.toLowerCase(Locale.ROOT));
          default ->
              throw new CommandLine.ParameterException(
                  new CommandLine(this), "unknown scenario " + scenario);
        };
    List<Result> all = new ArrayList<>();
    for (String sc : scenarios) {
      for (String s : systems) {
        Sys sys = Sys.parse(s);
        Target t =
            switch (sys) {
              case SWITCHBOARD -> new Target(sys, switchboardUrls, switchboardPids, secret);
              case PROBE -> new Target(sys, probeUrls, probePids, null);
              default -> new Target(sys, socketioUrls, socketioPids, null);
            };
        Result r = runScenario(sc, t);
        r.print();
        all.add(r);
        if (results != null) Report.appendRow(results, r);
      }
    }
    if (all.size() > 1) {
      System.out.println();
      Report.printTable(all);
    }
    return 0;
  }

  // ---------------------------------------------------------------------------------- scenarios

  /** Captures one Vert.x context per event loop so connections are spread over loops. */
  static final class LoopAnchor extends VerticleBase {
    final List<Context> sink;

    LoopAnchor(List<Context> sink) {
      this.sink = sink;
    }

    @Override
    public Future<?> start() {
      sink.add(context);
      return Future.succeededFuture();
    }
  }

  /** The NIO receivers of the scenario being run ({@code --client nio}), else null. */
  private NioReceivers nio;

  Result runScenario(String sc, Target target) throws Exception {
    Result res = new Result(sc, target.sys);
    res.nodes = target.size();
    log("=== %s / %s: %s", sc, target.sys.label, target);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, eventLoops)));
    try {
      List<Context> contexts = new CopyOnWriteArrayList<>();
      vertx
          .deployVerticle(
              () -> new LoopAnchor(contexts),
              new DeploymentOptions().setInstances(Math.max(1, eventLoops)))
          .await(10, TimeUnit.SECONDS);
      List<WebSocketClient> clients = new ArrayList<>();
      for (String src : sourceAddresses) {
        clients.add(
            vertx.createWebSocketClient(
                new WebSocketClientOptions()
                    .setMaxConnections(1_000_000)
                    .setLocalAddress(src.trim())
                    .setConnectTimeout(10_000)
                    .setMaxFrameSize(1 << 20)
                    .setMaxMessageSize(4 << 20)
                    .setTryUsePerMessageCompression(false)
                    .setTryUsePerFrameCompression(false)));
      }
      Run run = new Run(vertx, target, this);
      nio = NioReceivers.applies(client, sc) ? new NioReceivers(this, run) : null;

      // ---- plan
      // Node assignment (a single node: always node 0). fanout/idle: connection i on node i mod n,
      // so
      // the publisher (i = 0) shares its node with only 1/n of the subscribers. rooms: the j-th
      // member
      // (i = room + j*K) of room r is on node (r + j) mod n, so every room spans all nodes whatever
      // K
      // is, and its publisher (j = 0) shares its node with only ~1/n of the room.
      List<Conn> plan = new ArrayList<>();
      double perPublisherRate;
      int n = target.size();
      switch (sc) {
        case "fanout" -> {
          plan.add(new Conn(run, 0, "bench:r1", true, 0));
          for (int i = 1; i <= subscribers; i++)
            plan.add(new Conn(run, i, "bench:r1", false, i % n));
          perPublisherRate = rate;
        }
        case "rooms" -> {
          int nRooms = Math.max(1, Math.min(rooms, roomConnections));
          for (int i = 0; i < roomConnections; i++) {
            plan.add(
                new Conn(
                    run, i, "bench:r" + (i % nRooms), i < nRooms, (i % nRooms + i / nRooms) % n));
          }
          perPublisherRate = roomRate;
        }
        case "joinroom" -> {
          for (int i = 0; i < subscribers; i++) plan.add(new Conn(run, i, joinRoom, false, i % n));
          perPublisherRate = 0;
        }
        default -> {
          for (int i = 0; i < idleConnections; i++) plan.add(new Conn(run, i, null, false, i % n));
          perPublisherRate = 0;
        }
      }
      long maxFds = ProcStats.maxFds();
      long budget = maxFds > 0 ? maxFds - ProcStats.openFds() - 256 : Long.MAX_VALUE;
      if (plan.size() > budget) {
        log(
            "WARNING: %d connections exceed this JVM's fd budget (ulimit -n %d); clamping to %d",
            plan.size(), maxFds, budget);
        res.notes.add("clamped " + plan.size() + "->" + budget + " by ulimit -n");
        plan = new ArrayList<>(plan.subList(0, (int) budget));
      }
      res.planned = plan.size();

      // ---- memory before
      if (forceGc && !target.forceGc())
        res.notes.add("server GC before memory reading not available");
      res.rssBefore = target.rssBytes();
      res.heapBefore = target.heapUsed();

      List<Conn> ready =
          sc.equals("joinroom")
              // the ramp is the measurement: memory, CPU and frames around the connect phase
              ? new JoinRamp(this, run, res).measure(plan, contexts, clients)
              : connectAndMeasure(sc, run, plan, contexts, clients, perPublisherRate, res);
      finish(run, target, res, ready, clients);
    } finally {
      if (nio != null) nio.close();
      try {
        vertx.close().await(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        log("vertx close: %s", e);
      }
    }
    sleep(1000);
    return res;
  }

  /**
   * fanout, rooms, idle: connect, read the memory after settling, then publish and measure (not
   * idle).
   */
  private List<Conn> connectAndMeasure(
      String sc,
      Run run,
      List<Conn> plan,
      List<Context> contexts,
      List<WebSocketClient> clients,
      double perPublisherRate,
      Result res)
      throws InterruptedException {
    Target target = run.target;
    int n = target.size();
    List<Conn> ready =
        nio != null
            ? nio.connectAll(plan, contexts, clients, res)
            : connectAll(run, plan, contexts, clients, res);

    sleep(sc.equals("idle") ? settleSec * 1000L : 2000);
    if (forceGc) target.forceGc();
    res.rssAfter = target.rssBytes();
    res.heapAfter = target.heapUsed();
    if (n > 1) {
      int[] perNode = new int[n];
      for (Conn c : ready) perNode[c.node.index()]++;
      res.notes.add("connections per node " + java.util.Arrays.toString(perNode));
    }

    if (!sc.equals("idle") && res.connected > 0) {
      new Publishing(this).measure(run, new ArrayList<>(ready), perPublisherRate, res);
    } else if (sc.equals("idle")) {
      long openBefore = res.connected;
      res.unexpectedCloses = run.unexpectedCloses.sum();
      res.notes.add(
          "still open after settle: "
              + (openBefore - ready.stream().filter(c -> c.closed).count()));
    }
    return ready;
  }

  /**
   * Records the error counters and the server's liveness in {@code res}, then closes every
   * connection.
   */
  private void finish(
      Run run, Target target, Result res, List<Conn> ready, List<WebSocketClient> clients) {
    res.serverErrors = run.serverErrors.sum();
    res.firstError = run.firstError.get();
    res.unexpectedCloses = run.unexpectedCloses.sum();
    res.serverAlive = target.alive();

    // ---- teardown
    run.stopping = true;
    List<Future<Void>> closes = new ArrayList<>();
    for (Conn c : ready) closes.add(c.close());
    try {
      Future.join(closes).await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      log("close: %s", e);
    }
    for (WebSocketClient cl : clients) {
      try {
        cl.close().await(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // best effort
      }
    }
  }

  /**
   * Connects (and joins, when the connection has a room) every connection of {@code plan}, at most
   * {@code --connect-concurrency} handshakes in flight, round-robin over the event loops and source
   * addresses; fills {@code res.connected}, {@code connectFailures}, {@code connectSeconds}.
   *
   * @return the connections that are ready, in the order they became ready
   */
  List<Conn> connectAll(
      Run run, List<Conn> plan, List<Context> contexts, List<WebSocketClient> clients, Result res)
      throws InterruptedException {
    ConcurrentLinkedQueue<Conn> ready = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    Semaphore inflight = new Semaphore(Math.max(1, connectConcurrency));
    long c0 = System.nanoTime();
    int launched = 0;
    for (Conn c : plan) {
      if (!inflight.tryAcquire(handshakeTimeoutMs + 15_000, TimeUnit.MILLISECONDS)) {
        log("connect phase stalled; stopping after %d launched", launched);
        break;
      }
      Context ctx = contexts.get(launched % contexts.size());
      WebSocketClient client = clients.get(launched % clients.size());
      launched++;
      ctx.runOnContext(
          v ->
              c.start(client, ctx)
                  .onComplete(
                      ar -> {
                        if (ar.succeeded()) {
                          ready.add(c);
                        } else {
                          if (failed.incrementAndGet() <= 3) log("connect failure: %s", ar.cause());
                          run.noteError(String.valueOf(ar.cause()));
                        }
                        inflight.release();
                      }));
      if (launched % 5000 == 0)
        log("  launched %d, ready %d, failed %d", launched, ready.size(), failed.get());
    }
    inflight.tryAcquire(
        Math.max(1, connectConcurrency), handshakeTimeoutMs + 15_000, TimeUnit.MILLISECONDS);
    res.connectSeconds = (System.nanoTime() - c0) / 1e9;
    res.connected = ready.size();
    res.connectFailures = failed.get() + (plan.size() - launched);
    log(
        "connected %d/%d in %.1f s (%.0f/s), failures %d",
        res.connected,
        plan.size(),
        res.connectSeconds,
        res.connected / Math.max(1e-9, res.connectSeconds),
        res.connectFailures);
    return new ArrayList<>(ready);
  }

  static void log(String fmt, Object... args) {
    System.out.printf(Locale.ROOT, "[%tT] " + fmt + "%n", prepend(new java.util.Date(), args));
    System.out.flush();
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] a = new Object[rest.length + 1];
    a[0] = first;
    System.arraycopy(rest, 0, a, 1, rest.length);
    return a;
  }

  static void sleep(long ms) throws InterruptedException {
    if (ms > 0) Thread.sleep(ms);
  }

  static void sleepUntil(long benchNanos) throws InterruptedException {
    long ms = (benchNanos - (System.nanoTime() - Run.BASE)) / 1_000_000;
    if (ms > 0) Thread.sleep(ms);
  }
}
