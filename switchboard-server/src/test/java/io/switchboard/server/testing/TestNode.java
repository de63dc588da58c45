package io.switchboard.server.testing;

import io.switchboard.core.Ports;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.server.Capability;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.AuthConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real Switchboard node on a free port with the memory engine, for end-to-end tests, plus token
 * minting with the node's HS256 secret.
 */
public final class TestNode implements AutoCloseable {
  public static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
  public static final String API_KEY = "test-api-key-0123456789";

  public final Vertx vertx;
  public final Ports ports;
  public final SwitchboardServer server;
  public final SwitchboardConfig config;
  private final JWTAuth jwt;

  private TestNode(Vertx vertx, Ports ports, SwitchboardServer server, SwitchboardConfig config) {
    this.vertx = vertx;
    this.ports = ports;
    this.server = server;
    this.config = config;
    this.jwt = jwtWith(vertx, SECRET);
  }

  /** The default configuration with the test secret, an API key, port 0. */
  public static SwitchboardConfig defaults() {
    SwitchboardConfig d = SwitchboardConfig.DEFAULT;
    return d.withServer(d.server().withPort(0))
        .withAuth(AuthConfig.hmac(SECRET))
        .withApi(new io.switchboard.server.config.ApiConfig(List.of(API_KEY)));
  }

  /** Starts a node with the defaults changed by {@code change}. */
  public static TestNode start(UnaryOperator<SwitchboardConfig> change) {
    return start(MemoryEngine.ports(), change);
  }

  /** Starts a node on {@code ports} (a test double wrapping a memory port, say). */
  public static TestNode start(Ports ports, UnaryOperator<SwitchboardConfig> change) {
    return start(ports, change, List.of());
  }

  /** Starts a node on {@code ports} with capabilities (commands, …) started with it. */
  public static TestNode start(
      Ports ports, UnaryOperator<SwitchboardConfig> change, List<Capability> capabilities) {
    Vertx vertx = Vertx.vertx();
    SwitchboardConfig config = change.apply(defaults());
    SwitchboardServer server = await(SwitchboardServer.start(vertx, config, ports, capabilities));
    return new TestNode(vertx, ports, server, config);
  }

  /** Starts a node with the defaults. */
  public static TestNode start() {
    return start(c -> c);
  }

  static JWTAuth jwtWith(Vertx vertx, String secret) {
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  /** A valid token for {@code user}, one hour. */
  public String token(String user) {
    return jwt.generateToken(
        new JsonObject().put("sub", user), new JWTOptions().setExpiresInSeconds(3600));
  }

  /** A valid token for {@code user} with a {@code rooms} claim. */
  public String tokenWithRooms(String user, String... rooms) {
    return jwt.generateToken(
        new JsonObject().put("sub", user).put("rooms", new JsonArray(List.of((Object[]) rooms))),
        new JWTOptions().setExpiresInSeconds(3600));
  }

  /** A token whose {@code exp} passed a minute ago. */
  public String expiredToken(String user) {
    long now = System.currentTimeMillis() / 1000;
    return jwt.generateToken(
        new JsonObject().put("sub", user).put("exp", now - 60).put("iat", now - 120),
        new JWTOptions());
  }

  /**
   * A correctly signed token for {@code user} without {@code exp} (refused: {@code exp} is
   * required).
   */
  public String tokenWithoutExp(String user) {
    return jwt.generateToken(new JsonObject().put("sub", user), new JWTOptions());
  }

  /** A token signed with another secret. */
  public String forgedToken(String user) {
    return jwtWith(vertx, "another-secret-0123456789-abcdefghijklm")
        .generateToken(
            new JsonObject().put("sub", user), new JWTOptions().setExpiresInSeconds(3600));
  }

  /** Connects a client with a token for {@code user} and reads its welcome. */
  public TestClient connect(String user) {
    TestClient c = TestClient.connect(vertx, port(), "/ws?token=" + token(user));
    c.expect("welcome");
    return c;
  }

  /** The node's Prometheus exposition ({@code GET /metrics}). */
  public String metrics() {
    HttpClient http = vertx.createHttpClient();
    try {
      return await(
          http.request(HttpMethod.GET, port(), "127.0.0.1", "/metrics")
              .compose(r -> r.send().compose(HttpClientResponse::body))
              .map(Buffer::toString));
    } finally {
      http.close();
    }
  }

  /**
   * The value of one series of {@link #metrics}, e.g. {@code
   * switchboard_errors_total{code="forbidden"}}.
   */
  public double metric(String series) {
    for (String line : metrics().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no " + series + " in /metrics");
  }

  public int port() {
    return server.port();
  }

  /** Blocks for a future (tests only), five seconds at most. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  @Override
  public void close() {
    await(server.stop());
    await(vertx.close());
  }
}
