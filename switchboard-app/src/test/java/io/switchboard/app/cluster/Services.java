package io.switchboard.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Stops and starts the machine's real Redis and RabbitMQ for the fault tests (issue 3 point 6).
 * Redis is started exactly as {@code .ci/run} starts it (no persistence: a restart loses every key,
 * the worst case for recovery); RabbitMQ's application is stopped and started inside its running
 * Erlang node ({@code rabbitmqctl stop_app/start_app}: connections drop, the port closes, durable
 * queues and persistent messages stay); PostgreSQL is stopped ({@code -m fast}: sessions are cut,
 * committed data stays) and started with {@code pg_ctlcluster}, as {@code .ci/run} starts it. A
 * missing command fails the test loudly.
 */
final class Services {
  private Services() {}

  static void stopRedis() {
    run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave");
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !listening(6379));
  }

  static void startRedis() {
    if (redisUp()) {
      return;
    }
    run("mkdir", "-p", "/var/lib/redis", "/var/log/redis");
    run(
        "redis-server",
        "--daemonize",
        "yes",
        "--bind",
        "127.0.0.1",
        "-::1",
        "--port",
        "6379",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        "/var/lib/redis",
        "--logfile",
        "/var/log/redis/ci.log");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(Services::redisUp);
  }

  static boolean redisUp() {
    try {
      return "PONG".equals(run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping").trim());
    } catch (IllegalStateException e) {
      return false;
    }
  }

  static void stopRabbit() {
    run("rabbitmqctl", "-q", "stop_app");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !listening(5672));
  }

  static void startRabbit() {
    run("rabbitmqctl", "-q", "start_app");
    run("rabbitmqctl", "-q", "await_startup");
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> listening(5672));
  }

  static void stopPostgres() {
    run(
        "pg_ctlcluster",
        "--skip-systemctl-redirect",
        postgresVersion(),
        "main",
        "stop",
        "-m",
        "fast");
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !listening(5432));
  }

  static void startPostgres() {
    if (!listening(5432)) {
      run("pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion(), "main", "start");
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> run("pg_isready", "-h", "127.0.0.1", "-p", "5432").contains("accepting"));
  }

  /**
   * The installed cluster's major version, e.g. {@code 15} (the one directory of /etc/postgresql).
   */
  private static String postgresVersion() {
    String[] versions = new java.io.File("/etc/postgresql").list();
    if (versions == null || versions.length != 1) {
      throw new IllegalStateException(
          "expected one cluster in /etc/postgresql, found " + java.util.Arrays.toString(versions));
    }
    return versions[0];
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
