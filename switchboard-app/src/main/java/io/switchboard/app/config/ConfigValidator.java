package io.switchboard.app.config;

import io.switchboard.core.broker.BrokerLimits;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.server.config.AuthConfig;
import io.switchboard.server.config.BufferConfig;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.EngineConfig;
import io.switchboard.server.config.ForwardConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.config.ServerTransport;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.room.ForwardKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a loaded configuration (SPEC "Operations": validated at start with clear messages). Every
 * error reads {@code key: problem (allowed: ...)}. No message contains the HMAC secret, an API key
 * or a URL password (Redis, RabbitMQ and PostgreSQL URLs are masked); {@code auth.jwksUrl} is
 * quoted as configured. Stateless; thread-safe.
 */
public final class ConfigValidator {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> ALGORITHMS = Set.of("HS256", "RS256", "ES256");

  /**
   * The outcome of a validation.
   *
   * @param errors problems that stop the start, each {@code key: problem (allowed: ...)}, in rule
   *     order (namespaces by name)
   * @param warnings things that work but are probably not intended, each starting with the key
   */
  public record Report(List<String> errors, List<String> warnings) {
    /**
     * Whether there are no errors.
     *
     * @return {@code true} when {@code errors} is empty (warnings allowed)
     */
    public boolean ok() {
      return errors.isEmpty();
    }

    /**
     * Returns the warnings, or throws a {@link ConfigException} listing the errors.
     *
     * @return the warnings
     * @throws ConfigException when there is an error
     */
    public List<String> orThrow() {
      if (!ok()) {
        throw new ConfigException(errors);
      }
      return warnings;
    }
  }

  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private ConfigValidator() {}

  /**
   * Validates every rule (ranges, key sources, URLs, namespace names and forwards, settings that
   * cannot work together) and reports all problems at once; never throws.
   *
   * @param c the configuration from {@link ConfigLoader}
   * @return the errors and warnings
   */
  public static Report validate(SwitchboardConfig c) {
    ConfigValidator v = new ConfigValidator();
    ServerConfig s = c.server();
    v.check(
        s.port() >= 0 && s.port() <= 65535,
        "server.port",
        s.port() + " is out of range",
        intRange("server.port"));
    v.check(
        !s.host().isBlank(), "server.host", "is empty", "an address such as 0.0.0.0 or 127.0.0.1");
    v.check(
        s.eventLoops() >= 0,
        "server.eventLoops",
        s.eventLoops() + " is negative",
        intRange("server.eventLoops"));
    v.positive("server.shutdownGrace", s.shutdownGrace());
    v.atLeastOne("server.maxBodyBytes", s.maxBodyBytes());
    v.positive("server.idleTimeout", s.idleTimeout());
    v.positive("server.handshakeTimeout", s.handshakeTimeout());
    v.atLeastOne("server.maxConnections", s.maxConnections());
    if (!s.nativeTransport() && s.transport() != ServerTransport.AUTO) {
      v.warn(
          "server.nativeTransport: false is ignored, server.transport "
              + s.transport().key()
              + " decides (nativeTransport is superseded by server.transport)");
    }
    for (int i = 0; i < s.allowedOrigins().size(); i++) {
      String o = s.allowedOrigins().get(i);
      v.check(
          "*".equals(o) || o.matches("https?://[^/\\s]+"),
          "server.allowedOrigins[" + i + "]",
          "\"" + o + "\" is not an origin",
          "* or scheme://host[:port], e.g. https://app.example.com");
    }
    v.auth(c.auth());
    for (int i = 0; i < c.api().keys().size(); i++) {
      int length = c.api().keys().get(i).length();
      v.check(
          length >= 16,
          "api.keys[" + i + "]",
          length + " characters is too short",
          "at least 16 characters");
    }
    ClientConfig cl = c.client();
    v.atLeastOne("client.maxFrameBytes", cl.maxFrameBytes());
    v.atLeastOne("client.outboundQueueFrames", cl.outboundQueueFrames());
    v.atLeastOne("client.ratePerSecond", cl.ratePerSecond());
    v.atLeastOne("client.rateBurst", cl.rateBurst());
    v.atLeastOne("client.maxRooms", cl.maxRooms());
    v.positive("client.heartbeat", cl.heartbeat());
    v.atLeastOne("client.outboundQueueBytes", cl.outboundQueueBytes());
    v.atLeastOne("client.maxPendingPublishes", cl.maxPendingPublishes());
    v.atLeastOne("client.maxConnectionsPerUser", cl.maxConnectionsPerUser());
    BufferConfig b = c.buffer();
    v.positive("buffer.flushInterval", b.flushInterval());
    v.atLeastOne("buffer.flushSize", b.flushSize());
    v.atLeastOne("buffer.capacity", b.capacity());
    v.check(
        b.flushSize() <= b.capacity(),
        "buffer.flushSize",
        b.flushSize() + " is more than buffer.capacity " + b.capacity(),
        "at most buffer.capacity");
    v.positive("buffer.retryInitial", b.retryInitial());
    v.positive("buffer.retryMax", b.retryMax());
    v.positive("outbox.pollInterval", c.outbox().pollInterval());
    v.atLeastOne("outbox.batchSize", c.outbox().batchSize());
    v.positive("outbox.lockTtl", c.outbox().lockTtl());
    v.commands(c.commands());
    WorkflowRules.check(v, c);
    TunnelRules.check(v, c.tunnel());
    EdgeRules.check(v, c.edge());
    EdgeRules.check(v, c.rateLimits());
    EdgeRules.check(v, c.log());
    GrpcRules.check(v, c.grpc(), s);
    HooksRules.check(v, c.hooks(), c.telegram());
    io.switchboard.server.config.DashboardConfig d = c.dashboard();
    v.check(
        d.period() != null
            && d.period().compareTo(java.time.Duration.ofMillis(100)) >= 0
            && d.period().compareTo(java.time.Duration.ofMinutes(1)) <= 0,
        "dashboard.period",
        (d.period() == null ? "missing" : Durations.format(d.period())) + " is out of range",
        "100ms to 1m");
    v.check(
        d.topRooms() >= 0 && d.topRooms() <= 100,
        "dashboard.topRooms",
        d.topRooms() + " is out of range",
        "0..100 rooms per stats frame");
    v.engine(c.engine());
    io.switchboard.server.config.ConsumerConfig co = c.consumer();
    v.check(
        co.queue() != null && !co.queue().isBlank(), "consumer.queue", "is empty", "a queue name");
    v.check(
        co.exchange() != null && !co.exchange().isBlank(),
        "consumer.exchange",
        "is empty",
        "an exchange name");
    v.check(
        co.bindingKey() != null && !co.bindingKey().isBlank(),
        "consumer.bindingKey",
        "is empty",
        "a topic pattern such as # or deliveries.*");
    c.namespaces().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> v.namespace(e.getKey(), e.getValue()));
    v.combinations(c);
    return new Report(List.copyOf(v.errors), List.copyOf(v.warnings));
  }

  /** The {@code engine.*} rules, in {@link EngineRules}. */
  private void engine(EngineConfig e) {
    EngineRules.check(this, e);
  }

  /** The commands rules (SPEC C2; issue 8). */
  private void commands(io.switchboard.server.config.CommandsConfig co) {
    check(
        co.shards() >= 1 && co.shards() <= 256,
        "commands.shards",
        co.shards() + " is out of range",
        "1..256, the same on every node");
    check(
        co.handlerRetries() >= 0 && co.handlerRetries() <= 100,
        "commands.handlerRetries",
        co.handlerRetries() + " is out of range",
        "0..100");
    positive("commands.retryBackoff", co.retryBackoff());
    check(
        co.aggregateCache() >= 0,
        "commands.aggregateCache",
        co.aggregateCache() + " is negative",
        "0 (none) or more");
    check(
        co.rebuildBatch() >= 1 && co.rebuildBatch() <= 10_000,
        "commands.rebuildBatch",
        co.rebuildBatch() + " is out of range",
        "1..10000");
    positive("commands.rebuildGrace", co.rebuildGrace());
    exchange("commands.exchange", co.exchange());
    exchange("commands.eventsExchange", co.eventsExchange());
    check(
        !co.exchange().equals(co.eventsExchange()),
        "commands.eventsExchange",
        "\"" + co.eventsExchange() + "\" is also commands.exchange",
        "another exchange than the commands'");
  }

  void exchange(String key, String name) {
    check(
        name.matches("[A-Za-z0-9_.:\\-]{1,200}"),
        key,
        "\"" + name + "\" is not an exchange name",
        "1-200 of A-Z a-z 0-9 _ . : -");
  }

  /**
   * Settings that are each valid but cannot work together (issue 3 point 3): what a cluster cannot
   * deliver, and loops.
   */
  private void combinations(SwitchboardConfig c) {
    EngineConfig e = c.engine();
    boolean memoryBroker = e.broker().equals("memory");
    List<String> forwarding =
        c.namespaces().entrySet().stream()
            .filter(n -> n.getValue().forward() != null)
            .map(java.util.Map.Entry::getKey)
            .sorted()
            .toList();
    if (memoryBroker && e.type().equals("redis") && !forwarding.isEmpty()) {
      errors.add(
          "engine.broker: memory cannot deliver what namespaces "
              + String.join(", ", forwarding)
              + " forward on a cluster: each node would keep it in its own memory; expected engine.broker: rabbitmq"
              + " (or no forward)");
    }
    if (c.consumer().enabled() && memoryBroker && e.type().equals("redis")) {
      errors.add(
          "consumer.enabled: a memory broker has no queue backends can publish to, on a cluster "
              + "every node would consume only its own; expected engine.broker: rabbitmq");
    }
    if (c.consumer().enabled()) {
      c.namespaces().entrySet().stream()
          .sorted(java.util.Map.Entry.comparingByKey())
          .filter(
              n ->
                  n.getValue().forward() != null
                      && c.consumer().exchange().equals(n.getValue().forward().exchange()))
          .forEach(
              n ->
                  errors.add(
                      "consumer.exchange: \""
                          + c.consumer().exchange()
                          + "\" is also namespaces."
                          + n.getKey()
                          + ".forward.exchange, so forwarded publications would come back as deliveries (a loop);"
                          + " expected a separate exchange"));
    }
  }

  /** What a whole-number key allows, for messages of both the loader and the validator. */
  static String intRange(String key) {
    if (key.endsWith("port")) {
      return "0..65535";
    }
    return key.endsWith("eventLoops")
            || key.endsWith("historySize")
            || key.endsWith("aggregateCache")
            || key.endsWith("handlerRetries")
            || key.endsWith("maxRetries")
        ? "0 or more"
        : "1 or more";
  }

  /**
   * The auth rules (SPEC C1 "Authentication"; issue 7 part 2: no key may be used for what it is
   * not).
   */
  private void auth(AuthConfig a) {
    check(
        ALGORITHMS.contains(a.algorithm()),
        "auth.algorithm",
        "\"" + a.algorithm() + "\" is not supported",
        "HS256, RS256, ES256");
    if (a.algorithm().equals("HS256")) {
      check(
          a.publicKey().isBlank(),
          "auth.publicKey",
          "is set but auth.algorithm is HS256; a public key is never an" + " HMAC secret",
          "RS256 or ES256 with auth.publicKey, HS256 with auth.hmacSecret");
      check(
          a.jwksUrl().isBlank(),
          "auth.jwksUrl",
          "is set but auth.algorithm is HS256",
          "RS256 or ES256 with auth.jwksUrl");
      int bytes = a.hmacSecret().getBytes(StandardCharsets.UTF_8).length;
      if (bytes == 0 && a.anonymous()) {
        warnings.add(
            "auth.hmacSecret: not set, so only anonymous connections are accepted"
                + " (set SWITCHBOARD_AUTH_HMAC_SECRET to accept tokens)");
      } else {
        check(
            bytes >= 32,
            "auth.hmacSecret",
            bytes == 0
                ? "is not set (HS256 needs it; set SWITCHBOARD_AUTH_HMAC_SECRET)"
                : "is " + bytes + " bytes, too short for HS256",
            "at least 32 bytes; or auth.anonymous: true without a secret");
      }
    } else if (ALGORITHMS.contains(a.algorithm())) {
      check(
          !a.publicKey().isBlank() || !a.jwksUrl().isBlank(),
          "auth.publicKey",
          a.algorithm() + " needs auth.publicKey or auth.jwksUrl",
          "a PEM public key, or a JWKS URL in auth.jwksUrl");
    }
    if (!a.jwksUrl().isBlank()) {
      check(
          isHttpUrl(a.jwksUrl()),
          "auth.jwksUrl",
          "\"" + a.jwksUrl() + "\" is not an http(s) URL",
          "http://… or https://…");
      check(
          !a.jwksUrl().regionMatches(true, 0, "http:", 0, 5) || a.jwksAllowHttp(),
          "auth.jwksUrl",
          "\"" + a.jwksUrl() + "\" is plain http, so the keys can be replaced on the way",
          "https://…; http:// only with auth.jwksAllowHttp: true, for tests and local development");
    }
    Duration leeway = a.leeway();
    String seconds = "0s or more, whole seconds";
    if (leeway == null || leeway.isNegative()) {
      check(
          false,
          "auth.leeway",
          leeway == null ? "is missing" : Durations.format(leeway) + " is negative",
          seconds);
    } else {
      check(
          leeway.getNano() == 0,
          "auth.leeway",
          Durations.format(leeway) + " is not whole seconds",
          seconds);
    }
    positive("auth.jwksRefresh", a.jwksRefresh());
    positive("auth.jwksTimeout", a.jwksTimeout());
    positive("auth.jwksMinRefetch", a.jwksMinRefetch());
  }

  private void namespace(String name, NamespaceConfig n) {
    String key = "namespaces." + name;
    check(
        NAMESPACE.matcher(name).matches(),
        key,
        "the name \"" + name + "\" is not valid",
        "1 to 64 of A-Z a-z 0-9 _ -");
    check(
        !name.equals("user"),
        key,
        "the namespace \"user\" is reserved for user notifications",
        "any other name");
    check(
        n.historySize() >= 0,
        key + ".historySize",
        n.historySize() + " is negative",
        intRange("historySize"));
    positive(key + ".historyTtl", n.historyTtl());
    check(
        n.presenceListLimit() >= 0 && n.presenceListLimit() <= PresenceStore.MAX_PAGE,
        key + ".presenceListLimit",
        n.presenceListLimit() + " is out of range",
        "0.." + PresenceStore.MAX_PAGE);
    check(
        n.presenceEventsMaxMembers() >= 0,
        key + ".presenceEventsMaxMembers",
        n.presenceEventsMaxMembers() + " is negative",
        "0 or more");
    check(
        !n.presenceCountInterval().isNegative(),
        key + ".presenceCountInterval",
        Durations.format(n.presenceCountInterval()) + " is negative",
        "0s (no counts) or a positive duration");
    positive(key + ".snapshotTtl", n.snapshotTtl());
    if (n.forward() != null) {
      forward(key + ".forward", name, n.forward());
    }
  }

  /** The exchange and routing key template of a namespace's forward (issue 7 part 2, point 1). */
  private void forward(String key, String namespace, ForwardConfig f) {
    boolean named = f.exchange() != null && !f.exchange().isBlank();
    check(named, key + ".exchange", "is empty", "an exchange name; or leave out forward");
    if (named) {
      int bytes = BrokerLimits.utf8Length(f.exchange());
      check(
          bytes <= BrokerLimits.MAX_SHORT_STRING_BYTES,
          key + ".exchange",
          "is " + bytes + " UTF-8 bytes",
          "at most " + BrokerLimits.MAX_SHORT_STRING_BYTES + " UTF-8 bytes");
    }
    String template = f.routingKey() == null ? "" : f.routingKey();
    List<String> problems = ForwardKeys.templateProblems(template);
    problems.forEach(
        p ->
            check(
                false,
                key + ".routingKey",
                "\"" + template + "\" " + p,
                "words separated by dots,"
                    + " with {room}, {namespace}, {event}; no * # whitespace or control characters; at most "
                    + BrokerLimits.MAX_SHORT_STRING_BYTES
                    + " UTF-8 bytes"));
    int longest = ForwardKeys.longestKeyBytes(template, namespace);
    if (problems.isEmpty() && longest > BrokerLimits.MAX_SHORT_STRING_BYTES) {
      warnings.add(
          key
              + ".routingKey: \""
              + template
              + "\" makes keys of up to "
              + longest
              + " UTF-8 bytes with the"
              + " longest room and event names; publications whose key is over "
              + BrokerLimits.MAX_SHORT_STRING_BYTES
              + " are refused with bad_request");
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  void positive(String key, Duration d) {
    check(
        d != null && d.compareTo(Duration.ZERO) > 0,
        key,
        (d == null ? "missing" : Durations.format(d)) + " is not positive",
        "a positive " + Durations.ALLOWED.substring(2));
  }

  void atLeastOne(String key, int value) {
    check(value >= 1, key, value + " is too small", intRange(key));
  }

  void check(boolean ok, String key, String problem, String allowed) {
    if (!ok) {
      errors.add(key + ": " + problem + " (allowed: " + allowed + ")");
    }
  }

  /** Adds a warning, which starts with its key. */
  void warn(String warning) {
    warnings.add(warning);
  }
}
