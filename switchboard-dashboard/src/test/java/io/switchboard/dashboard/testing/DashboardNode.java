package io.switchboard.dashboard.testing;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.dashboard.DashboardCapability;
import io.switchboard.edge.EdgeCapability;
import io.switchboard.server.config.EdgeConfig;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;

/**
 * A real node with the edge (sign-in) and the dashboard on the memory engine (namespace {@code sys}
 * added by the server while the dashboard is enabled), and a real HTTP client with helpers to make
 * an admin.
 */
public final class DashboardNode implements AutoCloseable {
  public static final String PASSWORD = "Corr3ct-Horse!";

  public final TestNode node;
  public final WebClient http;

  private DashboardNode(TestNode node) {
    this.node = node;
    this.http = WebClient.create(node.vertx);
  }

  /** Starts the node (Argon2 at test cost, the per-address limit raised for many sign-ins). */
  public static DashboardNode start() {
    return new DashboardNode(
        TestNode.start(
            MemoryEngine.ports(),
            c ->
                c.withEdge(EdgeConfig.DEFAULT.withArgon2(1024, 1, 1))
                    .withRateLimits(c.rateLimits().withIp(1000, 1000)),
            List.of(new EdgeCapability(), new DashboardCapability())));
  }

  /** A request with {@code headers} (name, value, …) and an optional JSON body. */
  public HttpResponse<Buffer> call(
      HttpMethod method, String path, JsonObject body, String... headers) {
    HttpRequest<Buffer> r = http.request(method, node.port(), "127.0.0.1", path);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.putHeader(headers[i], headers[i + 1]);
    }
    return TestNode.await(body == null ? r.send() : r.sendJsonObject(body));
  }

  /** Registers {@code email} with {@link #PASSWORD}; returns the user id. */
  public String register(String email) {
    HttpResponse<Buffer> r =
        call(
            HttpMethod.POST,
            "/api/v1/auth/register",
            new JsonObject()
                .put("email", email)
                .put("password", PASSWORD)
                .put("firstName", "Ada")
                .put("lastName", "Admin"));
    if (r.statusCode() != 201) {
      throw new AssertionError("register: " + r.statusCode() + " " + r.bodyAsString());
    }
    JsonObject b = r.bodyAsJsonObject();
    return b.containsKey("user") ? b.getJsonObject("user").getString("id") : b.getString("id");
  }

  /** Makes {@code userId} an admin with the server API key. */
  public void makeAdmin(String userId) {
    HttpResponse<Buffer> r =
        call(
            HttpMethod.PUT,
            "/api/v1/auth/users/" + userId + "/role",
            new JsonObject().put("role", "admin"),
            "X-API-Key",
            TestNode.API_KEY);
    if (r.statusCode() != 200) {
      throw new AssertionError("role: " + r.statusCode() + " " + r.bodyAsString());
    }
  }

  /** Logs in; returns the access token. */
  public String login(String email) {
    HttpResponse<Buffer> r =
        call(
            HttpMethod.POST,
            "/api/v1/auth/login",
            new JsonObject().put("email", email).put("password", PASSWORD));
    if (r.statusCode() != 200) {
      throw new AssertionError("login: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  @Override
  public void close() {
    http.close();
    node.close();
  }
}
