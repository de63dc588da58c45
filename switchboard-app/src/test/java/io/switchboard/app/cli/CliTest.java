package io.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Main;
import io.switchboard.workers.ReportMode;
import io.switchboard.workers.WorkersOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cli = Main.commandLine(env);
    cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return cli.execute(Main.withDefaultCommand(args));
  }

  @Test
  void tokenIsSignedWithTheConfiguredSecret() throws Exception {
    int code =
        run(
            Map.of("SWITCHBOARD_AUTH_HMAC_SECRET", SECRET, "SWITCHBOARD_AUTH_ISSUER", "sb"),
            "token",
            "--sub",
            "alice",
            "--ttl",
            "5m",
            "--claim",
            "role=admin",
            "--rooms",
            "chat:1,board:*");
    assertThat(code).as(err.toString()).isZero();
    Vertx vertx = Vertx.vertx();
    try {
      JWTAuth auth =
          JWTAuth.create(
              vertx,
              new JWTAuthOptions()
                  .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
      User user =
          auth.authenticate(new TokenCredentials(out.toString().trim()))
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      JsonObject claims = user.principal();
      assertThat(claims.getString("sub")).isEqualTo("alice");
      assertThat(claims.getString("role")).isEqualTo("admin");
      assertThat(claims.getString("iss")).isEqualTo("sb");
      assertThat(claims.getJsonArray("rooms").getList()).containsExactly("chat:1", "board:*");
      String payload = out.toString().trim().split("\\.")[1];
      JsonObject decoded =
          new JsonObject(
              new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
      assertThat(decoded.getLong("exp") - decoded.getLong("iat")).isEqualTo(300);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void tokenWithoutSecretExits2() {
    assertThat(run(Map.of(), "token", "--sub", "alice")).isEqualTo(2);
    assertThat(err.toString()).contains("auth.hmacSecret: is not set");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void checkConfigPrintsSummaryWithSecretsMasked(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "server: {port: 9001}\nauth: {hmacSecret: " + SECRET + "}\n");
    assertThat(run(Map.of(), "check-config", "-c", file.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("config OK")
        .contains(
            "0.0.0.0:9001",
            "memory",
            "HS256",
            "hmacSecret *** (set)",
            "board, chat, news, workflow")
        .doesNotContain(SECRET);
  }

  @Test
  void checkConfigMasksAPasswordInTheQueryOfAUrl(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(
        file, "auth: {hmacSecret: " + SECRET + "}\nengine: {type: redis, broker: rabbitmq}\n");
    assertThat(
            run(
                Map.of("SWITCHBOARD_ENGINE_REDIS_URL", "redis://cache:6379/0?password=s3cret-pw"),
                "check-config",
                "-c",
                file.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("redis://cache:6379/0?password=***")
        .doesNotContain("s3cret-pw");
  }

  @Test
  void checkConfigNamesThePostgresStoreWithItsPasswordMasked(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "auth: {hmacSecret: " + SECRET + "}\nengine: {store: postgres}\n");
    assertThat(
            run(
                Map.of("SWITCHBOARD_ENGINE_POSTGRES_URL", "postgresql://app:s3cret-pw@db/board"),
                "check-config",
                "-c",
                file.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("store postgres (postgres postgresql://app:***@db/board)")
        .doesNotContain("s3cret-pw");
    Files.writeString(
        file,
        "auth: {hmacSecret: "
            + SECRET
            + "}\nengine: {store: postgres, postgres: {url: 'postgres://app:s3cret-pw@db'}}\n");
    assertThat(run(Map.of(), "check-config", "-c", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("engine.postgres.url: \"postgres://app:***@db\": not a PostgreSQL URL")
        .doesNotContain("s3cret-pw");
  }

  @Test
  void checkConfigReadsSwitchboardConfigAndExits2OnErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "server: {prot: 1}\n");
    assertThat(run(Map.of("SWITCHBOARD_CONFIG", file.toString()), "check-config")).isEqualTo(2);
    assertThat(err.toString()).contains("server.prot: unknown key");
    assertThat(run(Map.of(), "check-config")).isEqualTo(2);
    assertThat(err.toString()).contains("auth.hmacSecret: is not set");
  }

  @Test
  void serveIsTheDefaultAndStopsOnConfigErrors() {
    assertThat(Main.withDefaultCommand(new String[0])).containsExactly("serve");
    assertThat(Main.withDefaultCommand(new String[] {"-c", "x"}))
        .containsExactly("serve", "-c", "x");
    assertThat(Main.withDefaultCommand(new String[] {"--help"})).containsExactly("--help");
    assertThat(run(Map.of("SWITCHBOARD_SERVER_PORT", "abc"), "-c", "/nonexistent.yaml"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("/nonexistent.yaml: not found");
  }

  @Test
  void workerRefusesBadOptionsWithTheAllowedValues() {
    assertThat(run(Map.of(), "worker", "--steps", "image_processing,resize", "--api-key", "k"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--steps: unknown step type resize (allowed: image_processing, ai_enhancement,"
                + " seo_generation)");
    assertThat(run(Map.of(), "worker")).isEqualTo(2);
    assertThat(err.toString()).contains("--api-key: required with --report http");
    assertThat(run(Map.of(), "worker", "--report", "smoke", "--api-key", "k")).isEqualTo(2);
    assertThat(err.toString()).contains("--report: smoke (allowed: http, broker)");
    assertThat(run(Map.of(), "worker", "--gateway", "localhost:8000", "--api-key", "k"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--gateway: localhost:8000 (allowed: an http://");
    assertThat(run(Map.of(), "worker", "--fail-every", "-1", "--api-key", "k")).isEqualTo(2);
    assertThat(run(Map.of(), "worker", "--concurrency", "0", "--api-key", "k")).isEqualTo(2);
    assertThat(err.toString()).contains("--concurrency: 0 (allowed: 1 to 1000)");
    assertThat(run(Map.of(), "worker", "--concurrency", "1001", "--api-key", "k")).isEqualTo(2);
    assertThat(err.toString()).contains("--concurrency: 1001 (allowed: 1 to 1000)");
    assertThat(
            run(
                Map.of("SWITCHBOARD_ENGINE_RABBITMQ_URI", "http://guest:s3cret@mq"),
                "worker",
                "--api-key",
                "k"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--rabbitmq-uri: http://guest:***@mq (allowed: an amqp:// or amqps:// URI)")
        .doesNotContain("s3cret");
  }

  @Test
  void agentListsItsOptionsAndExits2WithoutAToken() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString()).contains("agent");
    assertThat(run(Map.of(), "agent", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--gateway",
            "--project",
            "--token",
            "--route",
            "--connection-id",
            "--idle-timeout",
            "--backoff-initial",
            "--backoff-max",
            "--max-in-flight",
            "--max-body-bytes",
            "--upstream-timeout",
            "SWITCHBOARD_AGENT_TOKEN");
    Map<String, String> env =
        Map.of(
            "SWITCHBOARD_AGENT_GATEWAY", "ws://127.0.0.1:1",
            "SWITCHBOARD_AGENT_PROJECT", "p",
            "SWITCHBOARD_AGENT_ROUTES", "*=http://127.0.0.1:2");
    assertThat(run(env, "agent")).isEqualTo(2);
    assertThat(err.toString()).contains("--token: is not set");
    assertThat(run(env, "agent", "--token", "t", "--route", "nope")).isEqualTo(2);
    assertThat(err.toString()).contains("route \"nope\"");
  }

  @Test
  void workerTakesItsDefaultsFromTheEnvironment() {
    WorkerCommand worker = new WorkerCommand(Map.of("SWITCHBOARD_API_KEYS", " k-one , k-two"));
    new CommandLine(worker).parseArgs();
    WorkersOptions o = worker.options();
    assertThat(o.apiKey()).isEqualTo("k-one");
    assertThat(o.gateway()).hasToString("http://127.0.0.1:8000");
    assertThat(o.exchange()).isEqualTo("workflow_exchange");
    assertThat(o.steps()).containsExactly("image_processing", "ai_enhancement", "seo_generation");
    assertThat(o.report()).isEqualTo(ReportMode.HTTP);
    assertThat(o.concurrency()).isEqualTo(16);

    worker =
        new WorkerCommand(
            Map.of(
                "SWITCHBOARD_API_KEY", "k-worker",
                "SWITCHBOARD_API_KEYS", "k-one",
                "SWITCHBOARD_WORKFLOWS_EXCHANGE", "wf_x"));
    new CommandLine(worker)
        .parseArgs(
            "--steps",
            "seo_generation",
            "--delay",
            "50ms",
            "--fail-every",
            "3",
            "--queue-prefix",
            "svc.",
            "--concurrency",
            "64");
    o = worker.options();
    assertThat(o.apiKey()).isEqualTo("k-worker");
    assertThat(o.exchange()).isEqualTo("wf_x");
    assertThat(o.queue("seo_generation")).isEqualTo("svc.seo_generation");
    assertThat(o.delay()).isEqualTo(Duration.ofMillis(50));
    assertThat(o.failEvery()).isEqualTo(3);
    assertThat(o.concurrency()).isEqualTo(64);

    worker = new WorkerCommand(Map.of());
    new CommandLine(worker).parseArgs("--report", "broker");
    assertThat(worker.options().report()).isEqualTo(ReportMode.BROKER);
  }
}
