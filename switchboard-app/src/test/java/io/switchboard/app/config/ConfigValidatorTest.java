package io.switchboard.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  private static ConfigValidator.Report check(String yaml) {
    return ConfigValidator.validate(ConfigLoader.loadYaml(yaml, Map.of()));
  }

  private static List<String> errors(String yaml) {
    return check("auth: {hmacSecret: " + SECRET + "}\n" + yaml).errors();
  }

  @Test
  void defaultsNeedASecretAndWithOneAreValid() {
    assertThat(check("").errors())
        .containsExactly(
            "auth.hmacSecret: is not set (HS256 needs it; set SWITCHBOARD_AUTH_HMAC_SECRET) (allowed: at least 32 bytes; or auth.anonymous: true without a secret)");
    assertThat(errors("")).isEmpty();
  }

  @Test
  void anonymousWithoutSecretIsOnlyAWarning() {
    ConfigValidator.Report r = check("auth: {anonymous: true}\n");
    assertThat(r.ok()).isTrue();
    assertThat(r.warnings()).singleElement().asString().contains("only anonymous connections");
    assertThat(check("auth: {anonymous: true, hmacSecret: short}\n").errors())
        .singleElement()
        .asString()
        .startsWith("auth.hmacSecret: is 5 bytes, too short")
        .doesNotContain("short}");
  }

  @Test
  void nativeTransportFalseBesideAnExplicitTransportIsAWarning() {
    ConfigValidator.Report r =
        check(
            "auth: {hmacSecret: "
                + SECRET
                + "}\nserver: {nativeTransport: false, transport: io_uring}\n");
    assertThat(r.errors()).isEmpty();
    assertThat(r.warnings())
        .containsExactly(
            "server.nativeTransport: false is ignored, server.transport io_uring decides"
                + " (nativeTransport is superseded by server.transport)");
    assertThat(
            check("auth: {hmacSecret: " + SECRET + "}\nserver: {nativeTransport: false}\n")
                .warnings())
        .isEmpty();
  }

  @Test
  void serverRules() {
    assertThat(
            errors(
                "server: {port: 70000, eventLoops: -1, shutdownGrace: 0s, maxBodyBytes: 0, host: '',"
                    + " idleTimeout: 0s, handshakeTimeout: -1s, maxConnections: 0}\n"))
        .containsExactly(
            "server.port: 70000 is out of range (allowed: 0..65535)",
            "server.host: is empty (allowed: an address such as 0.0.0.0 or 127.0.0.1)",
            "server.eventLoops: -1 is negative (allowed: 0 or more)",
            "server.shutdownGrace: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "server.maxBodyBytes: 0 is too small (allowed: 1 or more)",
            "server.idleTimeout: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "server.handshakeTimeout: -1s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "server.maxConnections: 0 is too small (allowed: 1 or more)");
  }

  @Test
  void commandsRules() {
    assertThat(
            errors(
                "commands: {shards: 0, handlerRetries: 101, retryBackoff: 0s, aggregateCache: -1,"
                    + " rebuildBatch: 0, rebuildGrace: 0s}\n"))
        .containsExactly(
            "commands.shards: 0 is out of range (allowed: 1..256, the same on every node)",
            "commands.handlerRetries: 101 is out of range (allowed: 0..100)",
            "commands.retryBackoff: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "commands.aggregateCache: -1 is negative (allowed: 0 (none) or more)",
            "commands.rebuildBatch: 0 is out of range (allowed: 1..10000)",
            "commands.rebuildGrace: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)");
    assertThat(errors("commands: {enabled: false, shards: 256, handlerRetries: 0}\n")).isEmpty();
    assertThat(errors("commands: {exchange: 'a b', eventsExchange: ''}\n"))
        .containsExactly(
            "commands.exchange: \"a b\" is not an exchange name (allowed: 1-200 of A-Z a-z 0-9 _ . : -)",
            "commands.eventsExchange: \"\" is not an exchange name (allowed: 1-200 of A-Z a-z 0-9 _ . : -)");
    assertThat(errors("commands: {exchange: t1.c, eventsExchange: t1.c}\n"))
        .containsExactly(
            "commands.eventsExchange: \"t1.c\" is also commands.exchange (allowed: another exchange than the commands')");
    assertThat(errors("commands: {exchange: t1.commands, eventsExchange: t1.events}\n")).isEmpty();
  }

  @Test
  void workflowsRules() {
    assertThat(
            errors(
                "workflows: {maxRetries: 101, retryDelay: 0s, timerInterval: 0s, timerBatch: 0,"
                    + " listLimit: 0, listScan: -1, defaultType: nope}\n"))
        .containsExactly(
            "workflows.maxRetries: 101 is out of range (allowed: 0..100)",
            "workflows.retryDelay: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "workflows.timerInterval: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "workflows.timerBatch: 0 is out of range (allowed: 1..10000)",
            "workflows.listLimit: 0 is out of range (allowed: 1..1000)",
            "workflows.listScan: -1 is less than workflows.listLimit 0 (allowed: at least workflows.listLimit)",
            "workflows.defaultType: \"nope\" is not defined in workflows.definitions (allowed: one of [product])");
    assertThat(errors("workflows: {exchange: switchboard.commands}\n"))
        .containsExactly(
            "workflows.exchange: \"switchboard.commands\" is also an exchange of commands (allowed: an exchange of its own)");
    assertThat(
            errors(
                """
            workflows:
              defaultType: ok
              definitions:
                ok:
                  steps: [{type: a, service: s}]
                "bad name":
                  steps: []
                twice:
                  steps:
                    - {type: a.b, service: s, timeout: 0s}
                    - {type: x, service: s, maxRetries: -1, retryDelay: 0s}
                    - {type: x}
            """))
        .containsExactly(
            "workflows.definitions.bad name: the name \"bad name\" is not valid (allowed: 1 to 64 of A-Z a-z 0-9 _ -)",
            "workflows.definitions.bad name.steps: is empty (allowed: one or more steps)",
            "workflows.definitions.twice.steps[0].type: \"a.b\" is not valid (allowed: 1 to 64 of A-Z a-z 0-9 _ - (it becomes the routing key step.<type>))",
            "workflows.definitions.twice.steps[0].timeout: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "workflows.definitions.twice.steps[1].maxRetries: -1 is out of range (allowed: 0..100)",
            "workflows.definitions.twice.steps[1].retryDelay: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "workflows.definitions.twice.steps[2].type: \"x\" is already a step of twice (allowed: each step type once per definition)",
            "workflows.definitions.twice.steps[2].service: is missing (allowed: the worker service's name, e.g. image-service)");
  }

  @Test
  void consumerRules() {
    assertThat(errors("consumer: {enabled: true, queue: '', exchange: ' ', bindingKey: ''}\n"))
        .containsExactly(
            "consumer.queue: is empty (allowed: a queue name)",
            "consumer.exchange: is empty (allowed: an exchange name)",
            "consumer.bindingKey: is empty (allowed: a topic pattern such as # or deliveries.*)");
    assertThat(errors("consumer: {enabled: true, queue: q, exchange: x, bindingKey: 'a.*'}\n"))
        .isEmpty();
  }

  @Test
  void allowedOriginsMustBeOrigins() {
    assertThat(
            errors(
                "server: {allowedOrigins: ['https://app.example.com', '*', 'app.example.com', 'https://a/b']}\n"))
        .containsExactly(
            "server.allowedOrigins[2]: \"app.example.com\" is not an origin (allowed: * or scheme://host[:port], e.g. https://app.example.com)",
            "server.allowedOrigins[3]: \"https://a/b\" is not an origin (allowed: * or scheme://host[:port], e.g. https://app.example.com)");
  }

  @Test
  void authRules() {
    assertThat(check("auth: {algorithm: HS512, hmacSecret: " + SECRET + "}\n").errors())
        .containsExactly(
            "auth.algorithm: \"HS512\" is not supported (allowed: HS256, RS256, ES256)");
    assertThat(check("auth: {algorithm: RS256}\n").errors())
        .singleElement()
        .asString()
        .startsWith("auth.publicKey: RS256 needs auth.publicKey or auth.jwksUrl");
    assertThat(check("auth: {algorithm: ES256, jwksUrl: 'ftp://x/jwks'}\n").errors())
        .containsExactly(
            "auth.jwksUrl: \"ftp://x/jwks\" is not an http(s) URL (allowed: http://… or https://…)");
    assertThat(check("auth: {algorithm: ES256, jwksUrl: 'https://idp.example/jwks'}\n").errors())
        .isEmpty();
    assertThat(check("auth: {algorithm: RS256, publicKey: PEM, jwksRefresh: -1s}\n").errors())
        .singleElement()
        .asString()
        .startsWith("auth.jwksRefresh: -1s is not positive");
  }

  @Test
  void aPublicKeyIsNeverAnHmacSecret() {
    // issue 7 part 2: the PEM text would have become the HS256 secret
    assertThat(check("auth: {anonymous: true, publicKey: PEM}\n").errors())
        .containsExactly(
            "auth.publicKey: is set but auth.algorithm is HS256; a public key is never an HMAC secret"
                + " (allowed: RS256 or ES256 with auth.publicKey, HS256 with auth.hmacSecret)");
    assertThat(check("auth: {publicKey: PEM, hmacSecret: " + SECRET + "}\n").errors())
        .singleElement()
        .asString()
        .startsWith("auth.publicKey: is set but");
    assertThat(
            check("auth: {jwksUrl: 'https://idp.example/jwks', hmacSecret: " + SECRET + "}\n")
                .errors())
        .containsExactly(
            "auth.jwksUrl: is set but auth.algorithm is HS256 (allowed: RS256 or ES256 with auth.jwksUrl)");
  }

  @Test
  void plainHttpJwksNeedsJwksAllowHttp() {
    assertThat(check("auth: {algorithm: RS256, jwksUrl: 'http://idp.example/jwks'}\n").errors())
        .containsExactly(
            "auth.jwksUrl: \"http://idp.example/jwks\" is plain http, so the keys can be replaced on the way"
                + " (allowed: https://…; http:// only with auth.jwksAllowHttp: true, for tests and local development)");
    assertThat(
            check(
                    "auth: {algorithm: RS256, jwksUrl: 'http://127.0.0.1/jwks', jwksAllowHttp: true}\n")
                .errors())
        .isEmpty();
  }

  @Test
  void leewayAndJwksTimingsAreChecked() {
    assertThat(
            check(
                    "auth: {algorithm: RS256, publicKey: PEM, leeway: -1s, jwksTimeout: 0s, jwksMinRefetch: 0s}\n")
                .errors())
        .containsExactly(
            "auth.leeway: -1s is negative (allowed: 0s or more, whole seconds)",
            "auth.jwksTimeout: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "auth.jwksMinRefetch: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)");
    assertThat(check("auth: {algorithm: RS256, publicKey: PEM, leeway: 1500ms}\n").errors())
        .containsExactly(
            "auth.leeway: 1500ms is not whole seconds (allowed: 0s or more, whole seconds)");
    assertThat(check("auth: {algorithm: RS256, publicKey: PEM, leeway: 0s}\n").errors()).isEmpty();
  }

  @Test
  void apiKeysMustBeLongAndAreNotPrinted() {
    assertThat(errors("api: {keys: [abc, 0123456789abcdef]}\n"))
        .containsExactly(
            "api.keys[0]: 3 characters is too short (allowed: at least 16 characters)");
  }

  @Test
  void clientAndBufferRules() {
    assertThat(
            errors(
                "client: {maxFrameBytes: 0, outboundQueueFrames: 0, ratePerSecond: 0, rateBurst: 0, maxRooms: 0,"
                    + " heartbeat: 0ms, outboundQueueBytes: 0, maxPendingPublishes: 0, maxConnectionsPerUser: 0}\n"))
        .hasSize(9)
        .allMatch(m -> m.startsWith("client.") && m.contains("(allowed: "))
        .contains(
            "client.outboundQueueBytes: 0 is too small (allowed: 1 or more)",
            "client.maxPendingPublishes: 0 is too small (allowed: 1 or more)",
            "client.maxConnectionsPerUser: 0 is too small (allowed: 1 or more)");
    assertThat(errors("buffer: {flushSize: 10, capacity: 5}\n"))
        .containsExactly(
            "buffer.flushSize: 10 is more than buffer.capacity 5 (allowed: at most buffer.capacity)");
    assertThat(
            errors("buffer: {flushInterval: 0s, retryInitial: 0s, retryMax: 0s, flushSize: 0}\n"))
        .extracting(m -> m.substring(0, m.indexOf(':')))
        .containsExactly(
            "buffer.flushInterval", "buffer.flushSize", "buffer.retryInitial", "buffer.retryMax");
  }

  @Test
  void engineRules() {
    assertThat(errors("engine: {type: cassandra, broker: kafka}\n"))
        .containsExactly(
            "engine.type: \"cassandra\" is unknown (allowed: memory (one node) or redis (many nodes))",
            "engine.broker: \"kafka\" is unknown (allowed: memory or rabbitmq)");
    assertThat(
            errors(
                "engine: {type: redis, broker: rabbitmq, redis: {url: 'http://x:secret@h'}, rabbitmq: {uri: 'x'}}\n"))
        .containsExactly(
            "engine.redis.url: \"http://x:***@h\" is not a Redis URL (allowed: redis://host:port or rediss://host:port)",
            "engine.rabbitmq.uri: \"x\" is not an AMQP URI (allowed: amqp://user:password@host:port)");
    assertThat(errors("engine: {type: redis, broker: rabbitmq}\n")).isEmpty();
    assertThat(errors("engine: {memory: {maxRooms: 0}}\n"))
        .containsExactly("engine.memory.maxRooms: 0 is too small (allowed: 1 or more)");
    assertThat(
            errors(
                "engine: {type: redis, broker: rabbitmq, redis: {emptyRoomTtl: 0s, commandTimeout: 0ms}}\n"))
        .containsExactly(
            "engine.redis.emptyRoomTtl: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "engine.redis.commandTimeout: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)");
    assertThat(
            check(
                    "auth: {hmacSecret: "
                        + SECRET
                        + "}\nengine: {type: redis, broker: rabbitmq,"
                        + " memory: {maxRooms: 5}}\ncommands: {enabled: false}\n")
                .warnings())
        .containsExactly(
            "engine.memory is set but engine.type is redis, so it is ignored", CLUSTER_STORE);
  }

  /** A cluster keeping its store in each node's memory: a warning, so old cluster configs start. */
  private static final String CLUSTER_STORE =
      "engine.store: memory on a cluster (engine.type: redis) keeps events, documents and the"
          + " outbox apart on each node, so commands and queries see only one node's data (a"
          + " command consumed by another node is dead-lettered); set engine.store: postgres";

  /** Issue 8 point 0: engine.store and engine.postgres, URL checked as the engine parses it. */
  @Test
  void storeRules() {
    assertThat(errors("engine: {store: mongo}\n"))
        .containsExactly(
            "engine.store: \"mongo\" is unknown (allowed: memory (in this process) or postgres)");
    assertThat(errors("engine: {store: postgres}\n")).isEmpty();
    String shape =
        "(allowed:"
            + " postgresql://user[:password]@host[:port]/database[?sslmode=disable|allow|prefer|require])";
    assertThat(
            errors(
                "engine: {store: postgres, postgres: {url: 'mysql://u:s3cret@h/db', poolSize: 0}}\n"))
        .containsExactly(
            "engine.postgres.url: \"mysql://u:***@h/db\": not a PostgreSQL URL " + shape,
            "engine.postgres.poolSize: 0 is too small (allowed: 1 or more)");
    assertThat(
            errors(
                "engine: {store: postgres, postgres: {url:"
                    + " 'postgresql://u:s3cret@h/db?sslmode=verify-full'}}\n"))
        .containsExactly(
            "engine.postgres.url: \"postgresql://u:***@h/db?sslmode=verify-full\": the PostgreSQL"
                + " URL allows one parameter, sslmode=disable|allow|prefer|require "
                + shape);
    assertThat(check("auth: {hmacSecret: " + SECRET + "}\nengine: {postgres: {poolSize: 4}}\n"))
        .extracting(ConfigValidator.Report::warnings)
        .isEqualTo(List.of("engine.postgres is set but engine.store is memory, so it is ignored"));
    assertThat(
            check("auth: {hmacSecret: " + SECRET + "}\nengine: {type: redis, broker: rabbitmq}\n")
                .warnings())
        .containsExactly(CLUSTER_STORE);
    assertThat(
            check(
                    "auth: {hmacSecret: "
                        + SECRET
                        + "}\nengine: {type: redis, broker: rabbitmq, store: postgres}\n")
                .warnings())
        .isEmpty();
  }

  @Test
  void impossibleCombinationsAreReported() {
    // the default namespaces forward `board` publications: a cluster needs a real broker
    assertThat(errors("engine: {type: redis}\n"))
        .containsExactly(
            "engine.broker: memory cannot deliver what"
                + " namespaces board forward on a cluster: each node would keep it in its own memory; expected"
                + " engine.broker: rabbitmq (or no forward)");
    assertThat(errors("engine: {type: redis}\nnamespaces: {chat: {}}\n")).isEmpty();
    assertThat(errors("engine: {type: redis}\nnamespaces: {chat: {}}\nconsumer: {enabled: true}\n"))
        .singleElement()
        .asString()
        .startsWith("consumer.enabled: a memory broker has no queue");
    assertThat(errors("engine: {broker: rabbitmq}\nconsumer: {enabled: true, exchange: board}\n"))
        .singleElement()
        .asString()
        .startsWith("consumer.exchange: \"board\" is also namespaces.board.forward.exchange");
    assertThat(errors("engine: {type: redis, broker: rabbitmq, redis: {presenceTtl: 500ms}}\n"))
        .singleElement()
        .asString()
        .startsWith("engine.redis.presenceTtl: PT0.5S is too short");
    assertThat(
            check("auth: {hmacSecret: " + SECRET + "}\nengine: {redis: {prefix: other}}\n")
                .warnings())
        .containsExactly("engine.redis is set but engine.type is memory, so it is ignored");
  }

  @Test
  void namespaceRules() {
    assertThat(
            errors(
                """
        namespaces:
          user: {}
          "bad name": {}
          ok: {historySize: -1, historyTtl: 0s, snapshotTtl: 0s, forward: {routingKey: x}}
          zero: {historySize: 0}
        """))
        .containsExactly(
            "namespaces.bad name: the name \"bad name\" is not valid (allowed: 1 to 64 of A-Z a-z 0-9 _ -)",
            "namespaces.ok.historySize: -1 is negative (allowed: 0 or more)",
            "namespaces.ok.historyTtl: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "namespaces.ok.snapshotTtl: 0s is not positive (allowed: a positive duration like 250ms, 30s, 5m, 1h or PT30S)",
            "namespaces.ok.forward.exchange: is empty (allowed: an exchange name; or leave out forward)",
            "namespaces.user: the namespace \"user\" is reserved for user notifications (allowed: any other name)");
    assertThat(errors("namespaces:\n  " + "n".repeat(65) + ": {}\n")).hasSize(1);
  }

  @Test
  void largeRoomPresenceSettings() {
    assertThat(
            errors(
                """
        namespaces:
          big: {presenceListLimit: 1001, presenceEventsMaxMembers: -1, presenceCountInterval: 5s}
          quiet: {presenceListLimit: 0, presenceEventsMaxMembers: 0, presenceCountInterval: 0s}
        """))
        .containsExactly(
            "namespaces.big.presenceListLimit: 1001 is out of range (allowed: 0..1000)",
            "namespaces.big.presenceEventsMaxMembers: -1 is negative (allowed: 0 or more)");
    io.switchboard.server.config.SwitchboardConfig d = ConfigLoader.loadYaml("", Map.of());
    assertThat(d.namespaces().get("chat").presenceListLimit()).isEqualTo(100);
    assertThat(d.namespaces().get("chat").presenceEventsMaxMembers()).isEqualTo(1000);
    assertThat(d.namespaces().get("chat").presenceCountInterval())
        .isEqualTo(java.time.Duration.ofSeconds(5));
  }

  @Test
  void forwardTemplatesMustMakeRoutingKeysTheBrokerTakes() {
    String allowed =
        " (allowed: words separated by dots, with {room}, {namespace}, {event}; no * # whitespace"
            + " or control characters; at most 255 UTF-8 bytes)";
    assertThat(
            errors(
                """
        namespaces:
          a: {forward: {exchange: ex, routingKey: "a.*.{event}"}}
          b: {forward: {exchange: ex, routingKey: "b.{evnt}"}}
          c: {forward: {exchange: %s, routingKey: c}}
          d: {forward: {exchange: ex, routingKey: %s}}
          ok: {forward: {exchange: ex, routingKey: "ok.{namespace}.{event}"}}
        """
                    .formatted("e".repeat(256), "k".repeat(256))))
        .containsExactly(
            "namespaces.a.forward.routingKey: \"a.*.{event}\" contains *, #, whitespace or a control character"
                + allowed,
            "namespaces.b.forward.routingKey: \"b.{evnt}\" unknown placeholder {evnt}" + allowed,
            "namespaces.c.forward.exchange: is 256 UTF-8 bytes (allowed: at most 255 UTF-8 bytes)",
            "namespaces.d.forward.routingKey: \""
                + "k".repeat(256)
                + "\" is 256 UTF-8 bytes without its placeholders,"
                + " over 255"
                + allowed);
    assertThat(
            check(
                    "auth: {hmacSecret: "
                        + SECRET
                        + "}\nnamespaces:\n  long: {forward: {exchange: ex, "
                        + "routingKey: \"{room}.{room}.{event}\"}}\n")
                .warnings())
        .containsExactly(
            "namespaces.long.forward.routingKey: \"{room}.{room}.{event}\" makes keys of up to 530 UTF-8 bytes with the"
                + " longest room and event names; publications whose key is over 255 are refused with bad_request");
  }

  @Test
  void orThrowListsEveryError() {
    assertThatThrownBy(() -> check("server: {port: -1}\n").orThrow())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("server.port")
        .hasMessageContaining("auth.hmacSecret");
  }
}
