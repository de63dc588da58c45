package io.switchboard.tunnel.testing;

import io.switchboard.core.Ports;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.server.testing.TestNode;
import io.switchboard.tunnel.TunnelCapability;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real node with the tunnel capability, a real HTTP client, and the seed's calls. */
public final class TunnelNode implements AutoCloseable {
  public final TestNode node;
  public final WebClient http;

  private TunnelNode(TestNode node) {
    this.node = node;
    this.http =
        WebClient.create(
            node.vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(200));
  }

  /** A node on {@code ports} with {@code tunnel}. */
  public static TunnelNode start(Ports ports, TunnelConfig tunnel) {
    return start(ports, tunnel, c -> c);
  }

  /** A node on {@code ports} with {@code tunnel} and the rest changed by {@code change}. */
  public static TunnelNode start(
      Ports ports, TunnelConfig tunnel, UnaryOperator<SwitchboardConfig> change) {
    return new TunnelNode(
        TestNode.start(
            ports, c -> change.apply(c.withTunnel(tunnel)), List.of(new TunnelCapability())));
  }

  /** Issues a project token through the server API; returns {@code {token_id, token}}. */
  public JsonObject issueToken(String project) {
    HttpResponse<Buffer> r =
        TestNode.await(
            api(HttpMethod.POST, "/api/v1/server/projects/" + project + "/tokens", null));
    if (r.statusCode() != 201) {
      throw new AssertionError("token not issued: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  /** A server API call with the API key. */
  public Future<HttpResponse<Buffer>> api(HttpMethod method, String path, Buffer body) {
    var request =
        http.request(method, node.port(), "127.0.0.1", path)
            .putHeader("X-API-Key", TestNode.API_KEY);
    return body == null ? request.send() : request.sendBuffer(body);
  }

  /** {@code POST /event/send} with the API key, not waiting. */
  public Future<HttpResponse<Buffer>> sendAsync(String project, String type, Object data) {
    JsonObject body =
        new JsonObject().put("project_id", project).put("type", type).put("data", data);
    return api(HttpMethod.POST, "/event/send", body.toBuffer());
  }

  /** {@code POST /event/send}, waiting for the answer. */
  public HttpResponse<Buffer> send(String project, String type, Object data) {
    return TestNode.await(sendAsync(project, type, data));
  }

  /** A controller of {@code project} connected to this node with a fresh token. */
  public TestController controller(String project, String connectionId) {
    return controller(project, connectionId, issueToken(project).getString("token"));
  }

  /** A controller of {@code project} connected with {@code token}. */
  public TestController controller(String project, String connectionId, String token) {
    return TestNode.await(
        TestController.connect(node.vertx, node.port(), project, connectionId, token));
  }

  public int port() {
    return node.port();
  }

  @Override
  public void close() {
    http.close();
    node.close();
  }
}
