package io.switchboard.hooks.testing;

import io.switchboard.core.Ports;
import io.switchboard.hooks.HooksCapability;
import io.switchboard.server.Capability;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.signal.Signal;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real node with the hooks capability (after any others given) on the given ports and a real HTTP
 * client, with helpers for the webhook routes.
 */
public final class HooksNode implements AutoCloseable {
  public final TestNode node;
  public final WebClient http;

  private HooksNode(TestNode node) {
    this.node = node;
    this.http = WebClient.create(node.vertx);
  }

  /** A node on {@code ports} with {@code change} applied, {@code before} then hooks. */
  public static HooksNode start(
      Ports ports, UnaryOperator<SwitchboardConfig> change, Capability... before) {
    List<Capability> caps = new ArrayList<>(List.of(before));
    caps.add(new HooksCapability());
    return new HooksNode(TestNode.start(ports, change, caps));
  }

  /** A request with the server API key and {@code body} (JSON or raw text; null: none). */
  public HttpResponse<Buffer> api(HttpMethod method, String path, Object body) {
    HttpRequest<Buffer> r =
        http.request(method, node.port(), "127.0.0.1", path)
            .putHeader("X-API-Key", TestNode.API_KEY);
    return TestNode.await(body == null ? r.send() : r.sendBuffer(Buffer.buffer(body.toString())));
  }

  /** Registers an endpoint; asserts nothing (the caller checks the status). */
  public HttpResponse<Buffer> register(JsonObject body) {
    return api(HttpMethod.POST, "/api/v1/server/webhooks", body);
  }

  /** GET {@code /api/v1/server/webhooks/<id>} as JSON (200 expected). */
  public JsonObject endpoint(String id) {
    HttpResponse<Buffer> r = api(HttpMethod.GET, "/api/v1/server/webhooks/" + id, null);
    if (r.statusCode() != 200) {
      throw new AssertionError(
          "GET webhook " + id + ": " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  /** Emits a signal on the node, as a capability would. */
  public void emit(Signal s) {
    node.server.signals().emit(s);
  }

  @Override
  public void close() {
    http.close();
    node.close();
  }
}
