package io.switchboard.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * One gateway node as its own operating-system process: {@code java io.switchboard.app.Main serve
 * -c <file>} on the test classpath, exactly what {@code switchboard.jar serve} runs (issue 3 point
 * 5: separate processes on different ports). Output goes to {@code target/cluster/<id>.log}, which
 * a failed wait quotes.
 */
final class NodeProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String id;
  final int port;
  private final Path log;
  private final Process process;

  private NodeProcess(String id, int port, Path log, Process process) {
    this.id = id;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts a node with {@code yaml} (the node id and port are added) and waits until {@code
   * /health/ready} answers 200.
   */
  static NodeProcess start(String id, String yaml) {
    return start(id, yaml, java.util.Map.of());
  }

  /** Starts a node as {@link #start(String, String)} with {@code SWITCHBOARD_*} overrides. */
  static NodeProcess start(String id, String yaml, java.util.Map<String, String> env) {
    try {
      return start(id, yaml, env, freePort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a node as {@link #start(String, String, java.util.Map)} on {@code port} (a restart of a
   * node keeps its address, as behind a load balancer).
   */
  static NodeProcess start(String id, String yaml, java.util.Map<String, String> env, int port) {
    try {
      Path dir = Path.of("target", "cluster");
      Files.createDirectories(dir);
      Path config = dir.resolve(id + ".yaml");
      Files.writeString(
          config, "node: {id: " + id + "}\nserver: {port: " + port + ", eventLoops: 1}\n" + yaml);
      Path log = dir.resolve(id + ".log");
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      ProcessBuilder pb =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-Xmx256m",
                      "-XX:TieredStopAtLevel=1",
                      // the shipped logging configuration, not a test jar's logback-test.xml
                      "-Dlogback.configurationFile="
                          + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                      "-cp",
                      classpath,
                      "io.switchboard.app.Main",
                      "serve",
                      "-c",
                      config.toString()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
      pb.environment().putAll(env);
      Process process = pb.start();
      // never outlive the test JVM, even when a test dies before closing its cluster
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      NodeProcess node = new NodeProcess(id, port, log, process);
      node.awaitReady(Duration.ofSeconds(60));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code /health/ready} answers 200 (every backing service reachable). */
  void awaitReady(Duration within) {
    try {
      Awaitility.await()
          .atMost(within)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError(
                      "node " + id + " exited with " + process.exitValue() + ":\n" + logTail());
                }
                return ready();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("node " + id + " not ready within " + within + ":\n" + logTail(), e);
    }
  }

  /** Whether {@code /health/ready} answers 200 now. */
  boolean ready() {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The node's {@code GET /metrics} text (Prometheus), waiting up to 20 s for it. */
  String metrics() throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The operating-system process id (its {@code /proc/<pid>} shows what the kernel holds). */
  long pid() {
    return process.pid();
  }

  /** Kills the node with SIGKILL: no goodbye, no presence cleanup (a crashed machine). */
  void kill() {
    if (!process.isAlive()) {
      return;
    }
    process.destroyForcibly();
    waitFor();
  }

  /** Every line of the node's output so far. */
  List<String> logLines() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the node's output. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the node gracefully (SIGTERM), then forcibly after 20 s. */
  @Override
  public void close() {
    process.destroy();
    waitFor();
  }

  private void waitFor() {
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
