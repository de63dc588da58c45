package io.switchboard.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.config.Access;
import io.switchboard.server.config.AuthConfig;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.EngineConfig;
import io.switchboard.server.config.ForwardConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.config.ServerTransport;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.config.WorkflowStepConfig;
import io.switchboard.server.config.WorkflowsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void noFileAndNoEnvGivesTheDefaults() {
    assertThat(ConfigLoader.load(null, Map.of())).isEqualTo(SwitchboardConfig.DEFAULT);
    assertThat(ConfigLoader.loadYaml("", Map.of())).isEqualTo(SwitchboardConfig.DEFAULT);
  }

  @Test
  void theExampleFileDocumentsExactlyTheDefaults() {
    Path example = Path.of("..", "switchboard.example.yaml");
    assertThat(ConfigLoader.load(example, Map.of())).isEqualTo(SwitchboardConfig.DEFAULT);
  }

  @Test
  void fileSetsOnlyWhatItChanges(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, "server:\n  port: 9000\nclient:\n  heartbeat: 10s\n");
    SwitchboardConfig c = ConfigLoader.load(file, Map.of());
    assertThat(c.server().port()).isEqualTo(9000);
    assertThat(c.server().host()).isEqualTo("0.0.0.0");
    assertThat(c.client().heartbeat()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.client().maxRooms()).isEqualTo(128);
    assertThat(c.namespaces()).isEqualTo(NamespaceConfig.DEFAULTS);
  }

  @Test
  void namespacesInTheFileReplaceTheDefaultsAndMergeOverNamespaceDefault() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            """
        namespaces:
          game:
            join: CLAIM
            historySize: 50
            forward: {exchange: games, routingKey: "game.{event}"}
          lobby: ~
        """,
            Map.of());
    assertThat(c.namespaces()).containsOnlyKeys("game", "lobby", "workflow"); // workflow: kept
    NamespaceConfig game = c.namespaces().get("game");
    assertThat(game.join()).isEqualTo(Access.CLAIM);
    assertThat(game.publish()).isEqualTo(Access.AUTHENTICATED);
    assertThat(game.historySize()).isEqualTo(50);
    assertThat(game.historyTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(game.forward()).isEqualTo(new ForwardConfig("games", "game.{event}"));
    assertThat(c.namespaces().get("lobby")).isEqualTo(NamespaceConfig.DEFAULT);
  }

  @Test
  void environmentOverridesFileAndDefaults() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            "server:\n  port: 9000\n",
            Map.of(
                "SWITCHBOARD_SERVER_PORT", "9100",
                "SWITCHBOARD_AUTH_HMAC_SECRET", "s3cret",
                "SWITCHBOARD_CLIENT_MAX_FRAME_BYTES", "1024",
                "SWITCHBOARD_NAMESPACES_CHAT_HISTORY_SIZE", "25",
                "SWITCHBOARD_NAMESPACES_NEWS_JOIN", "server",
                "SWITCHBOARD_NAMESPACES_BOARD_SNAPSHOT_EVENTS", "a.b, c.d",
                "SWITCHBOARD_API_KEYS", "first-key-0123456789,second-key-0123456789",
                "SWITCHBOARD_BUFFER_FLUSH_INTERVAL", "PT0.5S",
                "SWITCHBOARD_CONFIG", "ignored.yaml",
                "HOME", "/root"));
    assertThat(c.server().port()).isEqualTo(9100);
    assertThat(c.auth().hmacSecret()).isEqualTo("s3cret");
    assertThat(c.client().maxFrameBytes()).isEqualTo(1024);
    assertThat(c.namespaces().get("chat").historySize()).isEqualTo(25);
    assertThat(c.namespaces().get("news").join()).isEqualTo(Access.SERVER);
    assertThat(c.namespaces().get("board").snapshotEvents()).containsExactly("a.b", "c.d");
    assertThat(c.api().keys()).containsExactly("first-key-0123456789", "second-key-0123456789");
    assertThat(c.buffer().flushInterval()).isEqualTo(Duration.ofMillis(500));
  }

  /**
   * Issue 8 point 0: the store and its PostgreSQL connection, from the file and the environment.
   */
  @Test
  void theStoreKeysBindFromTheFileAndTheEnvironment() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            "engine: {store: postgres, postgres: {poolSize: 4}}\n",
            Map.of(
                "SWITCHBOARD_ENGINE_POSTGRES_URL",
                "postgresql://app:pw@db:5433/board",
                "SWITCHBOARD_ENGINE_POSTGRES_POOL_SIZE",
                "12"));
    assertThat(c.engine().store()).isEqualTo("postgres");
    assertThat(c.engine().postgres().url()).isEqualTo("postgresql://app:pw@db:5433/board");
    assertThat(c.engine().postgres().poolSize()).isEqualTo(12);
    assertThat(c.engine().postgres().toString()).doesNotContain("pw@").contains("app:***@db");
    assertThat(
            ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_ENGINE_STORE", "postgres"))
                .engine()
                .store())
        .isEqualTo("postgres");
    EngineConfig d = SwitchboardConfig.DEFAULT.engine();
    assertThat(List.of(d.store(), d.postgres().url(), String.valueOf(d.postgres().poolSize())))
        .containsExactly("memory", "postgresql://postgres@127.0.0.1:5432/switchboard", "8");
  }

  /** Issue 7: every new bound is a key, settable from the file and the environment. */
  @Test
  void theBoundsOfIssue7AreKeys() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            """
        server: {idleTimeout: 30s, handshakeTimeout: 5s, maxConnections: 500}
        client: {outboundQueueBytes: 1048576, maxPendingPublishes: 8}
        engine: {memory: {maxRooms: 1000}, redis: {emptyRoomTtl: 1m}}
        """,
            Map.of(
                "SWITCHBOARD_CLIENT_MAX_CONNECTIONS_PER_USER",
                "3",
                "SWITCHBOARD_ENGINE_REDIS_COMMAND_TIMEOUT",
                "2s",
                "SWITCHBOARD_ENGINE_MEMORY_MAX_ROOMS",
                "2000"));
    assertThat(c.server().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.server().handshakeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.server().maxConnections()).isEqualTo(500);
    assertThat(c.client().outboundQueueBytes()).isEqualTo(1024 * 1024);
    assertThat(c.client().maxPendingPublishes()).isEqualTo(8);
    assertThat(c.client().maxConnectionsPerUser()).isEqualTo(3);
    assertThat(c.engine().memory().maxRooms()).isEqualTo(2000);
    assertThat(c.engine().redis().emptyRoomTtl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.engine().redis().commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    SwitchboardConfig d = SwitchboardConfig.DEFAULT;
    assertThat(
            List.of(
                d.server().idleTimeout(),
                d.server().handshakeTimeout(),
                d.engine().redis().emptyRoomTtl(),
                d.engine().redis().commandTimeout()))
        .containsExactly(
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            Duration.ofSeconds(5));
    assertThat(
            List.of(
                d.server().maxConnections(),
                d.client().outboundQueueBytes(),
                d.client().maxPendingPublishes(),
                d.client().maxConnectionsPerUser(),
                d.engine().memory().maxRooms()))
        .containsExactly(100_000, 4 * 1024 * 1024, 1024, 100, 100_000);
  }

  /** Issue 13: write coalescing is on by default and can be turned off from the environment. */
  @Test
  void writeCoalescingIsOnByDefaultAndAKey() {
    assertThat(SwitchboardConfig.DEFAULT.client().writeCoalescing()).isTrue();
    assertThat(ConfigLoader.loadYaml("client: {writeCoalescing: false}", Map.of()).client())
        .extracting(ClientConfig::writeCoalescing)
        .isEqualTo(false);
    assertThat(
            ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_CLIENT_WRITE_COALESCING", "false"))
                .client()
                .writeCoalescing())
        .isFalse();
  }

  @Test
  void theNewAuthKeysBindFromTheEnvironment() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            "",
            Map.of(
                "SWITCHBOARD_AUTH_LEEWAY", "10s",
                "SWITCHBOARD_AUTH_JWKS_TIMEOUT", "2s",
                "SWITCHBOARD_AUTH_JWKS_MIN_REFETCH", "1m",
                "SWITCHBOARD_AUTH_JWKS_ALLOW_HTTP", "true"));
    assertThat(c.auth().leeway()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.auth().jwksTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.auth().jwksMinRefetch()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.auth().jwksAllowHttp()).isTrue();
  }

  @Test
  void environmentResolvesNamespaceNamesWithDashesAndUnderscores() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            "namespaces:\n  live-feed: {}\n  live: {}\n",
            Map.of(
                "SWITCHBOARD_NAMESPACES_LIVE_FEED_PRESENCE",
                "false",
                "SWITCHBOARD_NAMESPACES_LIVE_FORWARD_EXCHANGE",
                "live"));
    assertThat(c.namespaces().get("live-feed").presence()).isFalse();
    assertThat(c.namespaces().get("live").presence()).isTrue();
    assertThat(c.namespaces().get("live").forward()).isEqualTo(new ForwardConfig("live", ""));
  }

  @Test
  void unknownEnvironmentVariableIsAnError() {
    assertThatThrownBy(() -> ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_SERVER_PROT", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_SERVER_PROT: no such configuration key");
    assertThatThrownBy(
            () ->
                ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_NAMESPACES_GAME_HISTORY_SIZE", "1")))
        .hasMessageContaining("SWITCHBOARD_NAMESPACES_GAME_HISTORY_SIZE");
  }

  @Test
  void theWorkersKeyIsNotAnOverride() {
    // `switchboard worker` reads SWITCHBOARD_API_KEY; the same shell must still start the gateway
    assertThat(ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_API_KEY", "worker-key-0123456789")))
        .isEqualTo(SwitchboardConfig.DEFAULT);
  }

  @Test
  void unknownKeyNamesTheKeyAndTheKnownOnes() {
    assertThatThrownBy(
            () ->
                ConfigLoader.loadYaml(
                    "server:\n  prot: 1\nnamespaces:\n  chat: {histroySize: 3}\n", Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "server.prot: unknown key (known: host, port, eventLoops, shutdownGrace, maxBodyBytes, nativeTransport, transport,"
                            + " allowedOrigins, idleTimeout, handshakeTimeout, maxConnections)",
                        "namespaces.chat.histroySize: unknown key (known: join, publish, claim, historySize, historyTtl,"
                            + " presence, presenceEvents, presenceListLimit, presenceEventsMaxMembers, presenceCountInterval,"
                            + " snapshotEvents, snapshotTtl, forward)"));
    assertThatThrownBy(() -> ConfigLoader.loadYaml("sever: {}\n", Map.of()))
        .hasMessageContaining("sever: unknown key");
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() {
    assertThatThrownBy(
            () ->
                ConfigLoader.loadYaml(
                    """
        server: {port: abc, shutdownGrace: 10}
        auth: {anonymous: maybe}
        namespaces:
          chat: {join: everyone, snapshotEvents: {a: 1}}
        """,
                    Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "server.port: \"abc\" is not a whole number (allowed: 0..65535)",
                        "server.shutdownGrace: 10 is not a duration (allowed: "
                            + Durations.ALLOWED
                            + ")",
                        "auth.anonymous: \"maybe\" is not a boolean (allowed: true, false)",
                        "namespaces.chat.join: \"everyone\" is not a valid value (allowed: anyone, authenticated, claim, server)",
                        "namespaces.chat.snapshotEvents: a mapping is not a list (allowed: a list of text, or text separated by commas)"));
    assertThatThrownBy(() -> ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_SERVER_PORT", "x")))
        .hasMessageContaining("server.port (SWITCHBOARD_SERVER_PORT): \"x\" is not a whole number");
  }

  @Test
  void serverTransportTakesItsFourValuesFromTheFileOrTheEnvironment() {
    assertThat(SwitchboardConfig.DEFAULT.server().transport()).isEqualTo(ServerTransport.AUTO);
    for (ServerTransport t : ServerTransport.values()) {
      assertThat(ConfigLoader.loadYaml("server: {transport: " + t.key() + "}\n", Map.of()))
          .extracting(c -> c.server().transport())
          .isEqualTo(t);
      assertThat(ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_SERVER_TRANSPORT", t.key())))
          .extracting(c -> c.server().transport())
          .isEqualTo(t);
    }
    assertThat(ConfigLoader.loadYaml("server: {transport: IO_URING}\n", Map.of()))
        .extracting(c -> c.server().transport())
        .isEqualTo(ServerTransport.IO_URING);
  }

  @Test
  void theSupersededNativeTransportKeyStillTurnsAutoIntoNio() {
    assertThat(SwitchboardConfig.DEFAULT.server().requestedTransport())
        .isEqualTo(ServerTransport.AUTO);
    assertThat(
            ConfigLoader.loadYaml("server: {nativeTransport: false}\n", Map.of())
                .server()
                .requestedTransport())
        .isEqualTo(ServerTransport.NIO);
    assertThat(
            ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_SERVER_NATIVE_TRANSPORT", "false"))
                .server()
                .requestedTransport())
        .isEqualTo(ServerTransport.NIO);
    // an explicit transport decides (the validator warns that nativeTransport is ignored)
    assertThat(
            ConfigLoader.loadYaml("server: {nativeTransport: false, transport: epoll}\n", Map.of())
                .server()
                .requestedTransport())
        .isEqualTo(ServerTransport.EPOLL);
  }

  @Test
  void anUnknownTransportListsTheAllowedValues() {
    assertThatThrownBy(() -> ConfigLoader.loadYaml("server: {transport: kqueue}\n", Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "server.transport: \"kqueue\" is not a valid value (allowed: auto, io_uring,"
                            + " epoll, nio)"));
    assertThatThrownBy(
            () -> ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_SERVER_TRANSPORT", "uring")))
        .hasMessageContaining(
            "server.transport (SWITCHBOARD_SERVER_TRANSPORT): \"uring\" is not a valid value"
                + " (allowed: auto, io_uring, epoll, nio)");
  }

  @Test
  void enumsAreCaseInsensitive() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml("namespaces:\n  a: {join: Anyone, publish: CLAIM}\n", Map.of());
    assertThat(c.namespaces().get("a").join()).isEqualTo(Access.ANYONE);
    assertThat(c.namespaces().get("a").publish()).isEqualTo(Access.CLAIM);
  }

  @Test
  void durationSyntax() {
    assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
    assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse(" 1h ")).contains(Duration.ofHours(1));
    assertThat(Durations.parse("2d")).contains(Duration.ofDays(2));
    assertThat(Durations.parse("PT30S")).contains(Duration.ofSeconds(30));
    assertThat(Durations.parse("pt1m30s")).contains(Duration.ofSeconds(90));
    for (String bad : List.of("", "30", "s", "1.5h", "30 sec", "PTX")) {
      assertThat(Durations.parse(bad)).as(bad).isEmpty();
    }
    assertThat(Durations.format(Duration.ofMillis(100))).isEqualTo("100ms");
    assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("24h");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
  }

  @Test
  void missingFileAndBadYamlAreConfigErrors(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml: not found");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "server: [1, 2\n");
    assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of()))
        .hasMessageContaining("not valid YAML");
    Files.writeString(bad, "- a\n- b\n");
    assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of()))
        .hasMessageContaining("must be a mapping");
  }

  @Test
  void workflowDefinitionsInTheFileReplaceTheDefaultOnesStepByStep() {
    SwitchboardConfig c =
        ConfigLoader.loadYaml(
            """
        workflows:
          maxRetries: 5
          defaultType: thumbnail
          definitions:
            thumbnail:
              steps:
                - {type: resize, service: image-service, timeout: 30s, maxRetries: 0}
                - {type: publish, service: cdn, retryDelay: 1s}
        """,
            Map.of("SWITCHBOARD_WORKFLOWS_RETRY_DELAY", "2s"));
    WorkflowsConfig w = c.workflows();
    assertThat(w.maxRetries()).isEqualTo(5);
    assertThat(w.retryDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(w.exchange()).isEqualTo("workflow_exchange");
    assertThat(w.definitions()).containsOnlyKeys("thumbnail");
    assertThat(w.definitions().get("thumbnail").steps())
        .containsExactly(
            new WorkflowStepConfig("resize", "image-service", Duration.ofSeconds(30), 0, null),
            new WorkflowStepConfig(
                "publish", "cdn", Duration.ofMinutes(5), null, Duration.ofSeconds(1)));
    assertThat(ConfigValidator.validate(c.withAuth(AuthConfig.hmac("x".repeat(32)))).errors())
        .isEmpty();
  }

  @Test
  void workflowStepsAreNotSetFromTheEnvironmentAndBadStepsAreNamed() {
    assertThatThrownBy(
            () ->
                ConfigLoader.loadYaml(
                    "", Map.of("SWITCHBOARD_WORKFLOWS_DEFINITIONS_PRODUCT_STEPS", "a,b")))
        .hasMessageContaining(
            "SWITCHBOARD_WORKFLOWS_DEFINITIONS_PRODUCT_STEPS: no such configuration key");
    assertThatThrownBy(
            () ->
                ConfigLoader.loadYaml(
                    "workflows: {definitions: {p: {steps: [{type: a, colour: red}, oops]}}}",
                    Map.of()))
        .hasMessageContaining("workflows.definitions.p.steps[0].colour: unknown key")
        .hasMessageContaining("workflows.definitions.p.steps[1]: \"oops\" is not a mapping");
    assertThat(
            ConfigLoader.loadYaml("", Map.of("SWITCHBOARD_WORKFLOWS_ENABLED", "false"))
                .workflows()
                .enabled())
        .isFalse();
  }

  @Test
  void ownNamespacesKeepTheWorkflowNamespaceWhileWorkflowsAreEnabled() {
    SwitchboardConfig own = ConfigLoader.loadYaml("namespaces: {chat: {}}", Map.of());
    assertThat(own.namespaces()).containsOnlyKeys("chat", "workflow");
    assertThat(own.namespaces().get("workflow"))
        .isEqualTo(NamespaceConfig.DEFAULTS.get("workflow"));
    SwitchboardConfig off =
        ConfigLoader.loadYaml("namespaces: {chat: {}}\nworkflows: {enabled: false}", Map.of());
    assertThat(off.namespaces()).containsOnlyKeys("chat");
  }
}
