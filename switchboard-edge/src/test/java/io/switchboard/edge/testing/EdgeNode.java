package io.switchboard.edge.testing;

import io.switchboard.core.Ports;
import io.switchboard.edge.EdgeCapability;
import io.switchboard.server.config.EdgeConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real node with the edge capability on the given ports and a real HTTP client, with helpers for
 * the auth routes (SPEC C5 end-to-end tests).
 */
public final class EdgeNode implements AutoCloseable {
  public static final String PASSWORD = "Corr3ct-Horse";

  public final TestNode node;
  public final WebClient http;

  private EdgeNode(TestNode node) {
    this.node = node;
    this.http = WebClient.create(node.vertx);
  }

  /** Test cost: Argon2id with 1 MiB, 1 pass, 1 lane (fast; the parameters still count). */
  public static EdgeConfig fast() {
    return EdgeConfig.DEFAULT.withArgon2(1024, 1, 1);
  }

  /**
   * A node on {@code ports} with {@code edge}, its anonymous rate limit raised to 1000/s (these
   * tests sign in many times from one address; {@code HttpRateLimitIT} tests the limits).
   */
  public static EdgeNode start(Ports ports, EdgeConfig edge) {
    return start(ports, edge, c -> c.withRateLimits(c.rateLimits().withIp(1000, 1000)));
  }

  /** A node on {@code ports} with {@code edge} and the test defaults changed by {@code change}. */
  public static EdgeNode start(
      Ports ports, EdgeConfig edge, UnaryOperator<SwitchboardConfig> change) {
    return new EdgeNode(
        TestNode.start(ports, c -> change.apply(c.withEdge(edge)), List.of(new EdgeCapability())));
  }

  /** A request with {@code body} (a JSON value or raw text; null: none) and a bearer token. */
  public HttpResponse<Buffer> call(HttpMethod method, String path, Object body, String bearer) {
    HttpRequest<Buffer> r = http.request(method, node.port(), "127.0.0.1", path);
    if (bearer != null) {
      r.putHeader("Authorization", "Bearer " + bearer);
    }
    return TestNode.await(body == null ? r.send() : r.sendBuffer(Buffer.buffer(body.toString())));
  }

  /** POST {@code /api/v1/auth/<route>} with {@code body}. */
  public HttpResponse<Buffer> post(String route, Object body) {
    return call(HttpMethod.POST, "/api/v1/auth/" + route, body, null);
  }

  /** A registration body. */
  public static JsonObject registration(String email, String password) {
    return new JsonObject()
        .put("email", email)
        .put("password", password)
        .put("firstName", "Ann")
        .put("lastName", "Lee");
  }

  /** Registers {@code email} with {@link #PASSWORD}; asserts 201 and returns the user. */
  public JsonObject register(String email) {
    return expect(post("register", registration(email, PASSWORD)), 201);
  }

  /** Logs in; the response, whatever its status. */
  public HttpResponse<Buffer> login(String email, String password) {
    return post("login", new JsonObject().put("email", email).put("password", password));
  }

  /** Logs in with {@link #PASSWORD}; asserts 200 and returns the access token. */
  public String token(String email) {
    return expect(login(email, PASSWORD), 200).getString("token");
  }

  /** The body of {@code r} as a JSON object, after asserting its status. */
  public static JsonObject expect(HttpResponse<Buffer> r, int status) {
    if (r.statusCode() != status) {
      throw new AssertionError(
          "expected " + status + ", got " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  @Override
  public void close() {
    http.close();
    node.close();
  }
}
