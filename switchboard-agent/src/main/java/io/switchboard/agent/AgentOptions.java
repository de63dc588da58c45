package io.switchboard.agent;

import io.switchboard.agent.route.Routes;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * What an {@link Agent} connects to and how (SPEC C4, docs/agent.md "Options"). {@link #toString}
 * never shows the token.
 *
 * @param gateway the node's base URL: {@code ws://}, {@code wss://} ({@code http://}, {@code
 *     https://} are taken as those), any path is a prefix of {@code /event/ws}
 * @param project the project id sent as {@code ?project_id=}
 * @param token the project token sent as {@code Authorization: Bearer}; never logged
 * @param routes which local endpoint answers which request type
 * @param connectionId the {@code connection_id} header, the same on every reconnect
 * @param idleTimeout with no frame (pings included) for this long the connection is taken as dead
 * @param backoffInitial the first reconnect delay's ceiling
 * @param backoffMax the largest reconnect delay
 * @param maxInFlight the most requests forwarded at once; more are answered {@code busy}
 * @param maxBodyBytes the largest request or response body, in bytes
 * @param upstreamTimeout the deadline of one call to the local service
 */
public record AgentOptions(
    URI gateway,
    String project,
    String token,
    Routes routes,
    String connectionId,
    Duration idleTimeout,
    Duration backoffInitial,
    Duration backoffMax,
    int maxInFlight,
    long maxBodyBytes,
    Duration upstreamTimeout) {
  /** {@code --idle-timeout} default. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** {@code --backoff-initial} default. */
  public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(500);

  /** {@code --backoff-max} default. */
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);

  /** {@code --max-in-flight} default. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  /** {@code --max-body-bytes} default: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** {@code --upstream-timeout} default. */
  public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the option at fault and its allowed values
   */
  public AgentOptions {
    String scheme = gateway == null ? null : gateway.getScheme();
    if (scheme == null
        || !(scheme.equals("ws")
            || scheme.equals("wss")
            || scheme.equals("http")
            || scheme.equals("https"))
        || gateway.getHost() == null) {
      throw new IllegalArgumentException(
          "--gateway: " + gateway + " (allowed: ws://host[:port] or wss://host[:port])");
    }
    require(project != null && !project.isBlank(), "--project: is not set");
    require(token != null && !token.isBlank(), "--token: is not set");
    require(routes != null, "--route: is not set");
    require(connectionId != null && !connectionId.isBlank(), "--connection-id: is empty");
    positive(idleTimeout, "--idle-timeout");
    positive(backoffInitial, "--backoff-initial");
    positive(upstreamTimeout, "--upstream-timeout");
    require(
        backoffMax != null && backoffMax.compareTo(backoffInitial) >= 0,
        "--backoff-max: " + backoffMax + " (allowed: at least --backoff-initial)");
    require(maxInFlight >= 1, "--max-in-flight: " + maxInFlight + " (allowed: 1 or more)");
    require(
        maxBodyBytes >= 1 && maxBodyBytes <= 256L * 1024 * 1024,
        "--max-body-bytes: " + maxBodyBytes + " (allowed: 1 to 268435456)");
  }

  /**
   * The options with every default and a random connection id.
   *
   * @param gateway the node's base URL
   * @param project the project id
   * @param token the project token
   * @param routes the routes
   * @return the options
   * @throws IllegalArgumentException when one is missing or malformed
   */
  public static AgentOptions defaults(URI gateway, String project, String token, Routes routes) {
    return new AgentOptions(
        gateway,
        project,
        token,
        routes,
        UUID.randomUUID().toString(),
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_BACKOFF_INITIAL,
        DEFAULT_BACKOFF_MAX,
        DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_UPSTREAM_TIMEOUT);
  }

  /**
   * @param connectionId the {@code connection_id} header
   * @return a copy with it
   */
  public AgentOptions withConnectionId(String connectionId) {
    return new AgentOptions(
        gateway,
        project,
        token,
        routes,
        connectionId,
        idleTimeout,
        backoffInitial,
        backoffMax,
        maxInFlight,
        maxBodyBytes,
        upstreamTimeout);
  }

  /**
   * @param idle the idle timeout
   * @param initial the first reconnect delay's ceiling
   * @param max the largest reconnect delay
   * @return a copy with them
   */
  public AgentOptions withLink(Duration idle, Duration initial, Duration max) {
    return new AgentOptions(
        gateway,
        project,
        token,
        routes,
        connectionId,
        idle,
        initial,
        max,
        maxInFlight,
        maxBodyBytes,
        upstreamTimeout);
  }

  /**
   * @param inFlight the most requests at once
   * @param bodyBytes the largest body in bytes
   * @param timeout the deadline of one upstream call
   * @return a copy with them
   */
  public AgentOptions withLimits(int inFlight, long bodyBytes, Duration timeout) {
    return new AgentOptions(
        gateway,
        project,
        token,
        routes,
        connectionId,
        idleTimeout,
        backoffInitial,
        backoffMax,
        inFlight,
        bodyBytes,
        timeout);
  }

  /**
   * @return {@code <gateway>/event/ws?project_id=<project>}, with {@code ws}/{@code wss} scheme
   */
  public String endpoint() {
    String scheme =
        switch (gateway.getScheme()) {
          case "http" -> "ws";
          case "https" -> "wss";
          default -> gateway.getScheme();
        };
    String prefix = gateway.getRawPath() == null ? "" : gateway.getRawPath();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    String port = gateway.getPort() > 0 ? ":" + gateway.getPort() : "";
    return scheme
        + "://"
        + gateway.getHost()
        + port
        + prefix
        + "/event/ws?project_id="
        + URLEncoder.encode(project, StandardCharsets.UTF_8);
  }

  /** Every field but the token, which shows as {@code ***}. */
  @Override
  public String toString() {
    return "AgentOptions[gateway=%s, project=%s, token=***, routes=%s, connectionId=%s, idleTimeout=%s, backoff=%s..%s, maxInFlight=%d, maxBodyBytes=%d, upstreamTimeout=%s]"
        .formatted(
            gateway,
            project,
            routes,
            connectionId,
            idleTimeout,
            backoffInitial,
            backoffMax,
            maxInFlight,
            maxBodyBytes,
            upstreamTimeout);
  }

  private static void positive(Duration d, String option) {
    require(
        d != null && !d.isNegative() && !d.isZero(),
        option + ": " + d + " (allowed: a duration over zero)");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
