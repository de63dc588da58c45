package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Fuzz test of the WebSocket gateway (issue 7, part 2): {@code fuzz.connections} connections
 * (default 32) send random and mutated frames of every type and size — well-formed requests with
 * random and boundary fields ({@link FuzzRequests}), their mutations ({@link FuzzMutations}) and
 * WebSocket-level garbage ({@link FuzzRaw}) — closed-loop, each input checked against {@code
 * docs/protocol.md} ({@link FuzzOracle}), while three {@link FuzzWitness}es publish to the rooms
 * the fuzzers publish to and to their own, and must receive every publication in offset order.
 *
 * <p>It passes when no violation was seen (every frame documented, every error and close code
 * documented and the one promised for the input, no drop without a close frame except over 16 ×
 * {@code client.maxFrameBytes}), the witnesses stayed open and received everything, nothing was
 * logged at ERROR (Netty's leak detector included), and afterwards the node answers {@code
 * /health}, serves a fresh client, counts its connections down to 0 and holds no more than 64 MiB
 * of heap and of Netty direct memory over its baseline.
 *
 * <p>{@code -Dfuzz.seed=} replays a run's inputs (each connection's sequence; not the
 * interleaving), {@code -Dfuzz.inputs=} (default 50000) and {@code -Dfuzz.seconds=} (default 40)
 * bound it. The seed and the number of inputs tried are printed.
 */
class FuzzIT {
  static final int MAX_FRAME = 4096;
  static final int MAX_ROOMS = 6;
  static final long MIB = 1024 * 1024;

  static SwitchboardConfig config(SwitchboardConfig c) {
    Map<String, NamespaceConfig> ns = new HashMap<>(c.namespaces());
    ns.put("private", BadInputIT.claimNamespace());
    ns.put("big", NamespaceConfig.DEFAULT.withPresenceLimits(3, 4, Duration.ofSeconds(1)));
    ClientConfig d = ClientConfig.DEFAULT;
    return c.withClient(
            new ClientConfig(
                MAX_FRAME,
                256,
                1000,
                200,
                MAX_ROOMS,
                Duration.ofSeconds(3),
                d.outboundQueueBytes(),
                d.maxPendingPublishes(),
                d.maxConnectionsPerUser()))
        .withAuth(c.auth().withAnonymous(true))
        .withNamespaces(ns);
  }

  @Test
  void gatewaySurvivesRandomAndMutatedFramesFromManyConnections() throws Exception {
    long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
    long inputs = Long.getLong("fuzz.inputs", 50_000);
    int seconds = Integer.getInteger("fuzz.seconds", 40);
    int connections = Integer.getInteger("fuzz.connections", 32);
    System.out.println("FuzzIT seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.ADVANCED);
    Errors errors = Errors.attach();
    FuzzOracle oracle = new FuzzOracle(Path.of("..", "docs", "protocol.md"));
    Vertx clients = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try (TestNode node = TestNode.start(FuzzIT::config)) {
      long heapBefore = heapAfterGc();
      long directBefore = PlatformDependent.usedDirectMemory();
      List<FuzzWitness> witnesses = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        FuzzWitness w =
            new FuzzWitness(
                clients,
                "witness " + i,
                oracle,
                List.of(FuzzRequests.SHARED[0], FuzzRequests.SHARED[1], "chat:fuzz-own-" + i));
        w.start(clients, node.port(), node.token("witness-" + i), 30);
        witnesses.add(w);
      }
      Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
      AtomicLong budget = new AtomicLong(inputs);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      SplittableRandom master = new SplittableRandom(seed);
      ExecutorService pool = Executors.newFixedThreadPool(connections);
      long started = System.nanoTime();
      for (int i = 0; i < connections; i++) {
        pool.execute(
            new FuzzDriver(
                i,
                node,
                clients,
                oracle,
                master.split(),
                budget,
                deadline,
                kinds,
                MAX_FRAME,
                MAX_ROOMS));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(seconds + 60, TimeUnit.SECONDS))
          .as("fuzzers finished")
          .isTrue();
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      witnesses.forEach(w -> w.stopPublishing(clients));
      for (FuzzWitness w : witnesses) {
        assertThat(w.isOpen()).as("witness connection open").isTrue();
        w.finish();
      }
      long tried = kinds.values().stream().mapToLong(LongAdder::sum).sum();
      Map<String, Long> byKind = new TreeMap<>();
      kinds.forEach((k, v) -> byKind.put(k, v.sum()));
      System.out.println(
          "FuzzIT seed "
              + seed
              + ": "
              + tried
              + " inputs in "
              + elapsedMs
              + " ms from "
              + connections
              + " connections; "
              + oracle.violations.get()
              + " violations");
      System.out.println("FuzzIT inputs by kind: " + byKind);
      witnesses.forEach(
          w ->
              System.out.println(
                  "FuzzIT witness: "
                      + w.events()
                      + " events in order, longest wait "
                      + w.longestStallMs()
                      + " ms"));
      System.out.println("FuzzIT server errors: " + errorCounters(node));
      oracle.notes().forEach((k, v) -> System.out.println("FuzzIT note: " + k + ": " + v));
      oracle.kept().forEach(v -> System.out.println("FuzzIT violation: " + v));
      oracle
          .categories()
          .forEach((k, v) -> System.out.println("FuzzIT violations: " + v + " × " + k));

      // the node is still serving: health, a fresh client, the witnesses
      assertThat(health(node)).isEqualTo("200 {\"status\":\"up\"}");
      try (TestClient fresh = node.connect("fresh")) {
        assertThat(fresh.join("chat:fuzz-fresh").getString("room")).isEqualTo("chat:fuzz-fresh");
        fresh.send(
            new JsonObject()
                .put("type", "publish")
                .put("id", "f1")
                .put("room", "chat:fuzz-fresh")
                .put("event", "hello")
                .put("data", new JsonObject().put("ok", true)));
        assertThat(fresh.skipTo("event").getJsonObject("data").getBoolean("ok")).isTrue();
        fresh.assertAlive();
      }
      witnesses.forEach(FuzzWitness::close);
      await()
          .atMost(Duration.ofSeconds(20))
          .failFast(() -> false)
          .until(
              () -> {
                int open = node.server.gateway().connectionCount();
                System.out.println("FuzzIT connections still open: " + open);
                return open == 0;
              });
      long heapAfter = heapAfterGc();
      long directAfter = PlatformDependent.usedDirectMemory();
      System.out.printf(
          "FuzzIT memory: heap %d → %d MiB after GC, Netty direct %d → %d MiB%n",
          heapBefore / MIB, heapAfter / MIB, directBefore / MIB, directAfter / MIB);
      System.out.println("FuzzIT log: " + errors.summary());

      assertThat(oracle.violations.get())
          .as(
              oracle.violations.get()
                  + " violations (seed "
                  + seed
                  + "): "
                  + String.join(" | ", oracle.kept()))
          .isZero();
      assertThat(errors.logged()).as("ERROR/WARN logged (seed " + seed + ")").isEmpty();
      assertThat(tried).as("inputs tried").isGreaterThan(Math.min(inputs, 1000));
      assertThat(witnesses).allSatisfy(w -> assertThat(w.events()).isPositive());
      assertThat(heapAfter).as("heap after GC").isLessThan(heapBefore + 64 * MIB);
      assertThat(directAfter).as("Netty direct memory").isLessThan(directBefore + 64 * MIB);
    } finally {
      errors.detach();
      TestNode.await(clients.close());
    }
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      ManagementFactory.getMemoryMXBean().gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static String health(TestNode node) {
    // the client stays referenced until the answer came (Vert.x 5 closes an unreachable client's
    // pool: "Pool closed" mid-request)
    io.vertx.core.http.HttpClient http = node.vertx.createHttpClient();
    return TestNode.await(
        http.request(HttpMethod.GET, node.port(), "127.0.0.1", "/health")
            .compose(r -> r.send())
            .compose(r -> r.body().map(b -> r.statusCode() + " " + b))
            .eventually(http::close));
  }

  static Map<String, String> errorCounters(TestNode node) {
    Map<String, String> out = new TreeMap<>();
    for (String line : node.metrics().split("\n")) {
      if (line.startsWith("switchboard_errors_total{")) {
        out.put(
            line.substring(
                line.indexOf("code=\"") + 6, line.indexOf("\"", line.indexOf("code=\"") + 6)),
            line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return out;
  }

  /** WARN and ERROR events of every logger during the run: the first few kept, all counted. */
  static final class Errors extends AppenderBase<ILoggingEvent> {
    private final List<String> kept = new ArrayList<>();
    private long count;

    static Errors attach() {
      Errors e = new Errors();
      e.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
      e.start();
      ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(e);
      return e;
    }

    void detach() {
      ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(this);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.WARN) && count++ < 20) {
        kept.add(
            event.getLevel()
                + " "
                + event.getLoggerName()
                + ": "
                + event.getFormattedMessage()
                + (event.getThrowableProxy() == null
                    ? ""
                    : " "
                        + event.getThrowableProxy().getClassName()
                        + ": "
                        + event.getThrowableProxy().getMessage()));
      }
    }

    synchronized List<String> logged() {
      return List.copyOf(kept);
    }

    synchronized String summary() {
      return count + " WARN/ERROR events";
    }
  }
}
