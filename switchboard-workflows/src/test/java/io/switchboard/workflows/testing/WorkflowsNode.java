package io.switchboard.workflows.testing;

import static org.awaitility.Awaitility.await;

import io.switchboard.core.Ports;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.server.config.WorkflowsConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.switchboard.workflows.WorkflowsCapability;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A real node with the workflows capability on the given ports, a real HTTP client, and helpers for
 * the seed's API (SPEC C3 end-to-end tests).
 */
public final class WorkflowsNode implements AutoCloseable {
  public final TestNode node;
  public final WebClient http;

  private WorkflowsNode(TestNode node) {
    this.node = node;
    this.http = WebClient.create(node.vertx);
  }

  /** Test timing: 1 retry after 50 ms, timers every 20 ms, on a unique exchange. */
  public static WorkflowsConfig fast() {
    return WorkflowsConfig.DEFAULT
        .withExchange("wf_test_" + UUID.randomUUID().toString().substring(0, 8))
        .withTiming(1, Duration.ofMillis(50), Duration.ofMillis(20));
  }

  /** A node on {@code ports} with {@code workflows}. */
  public static WorkflowsNode start(Ports ports, WorkflowsConfig workflows) {
    return start(ports, workflows, c -> c);
  }

  /** A node on {@code ports} with {@code workflows} and the config changed by {@code change}. */
  public static WorkflowsNode start(
      Ports ports,
      WorkflowsConfig workflows,
      UnaryOperator<io.switchboard.server.config.SwitchboardConfig> change) {
    return start(ports, workflows, change, java.time.Clock.systemUTC());
  }

  /** A node whose workflows run on {@code clock}. */
  public static WorkflowsNode start(
      Ports ports,
      WorkflowsConfig workflows,
      UnaryOperator<io.switchboard.server.config.SwitchboardConfig> change,
      java.time.Clock clock) {
    return new WorkflowsNode(
        TestNode.start(
            ports,
            c -> change.apply(c.withWorkflows(workflows)),
            List.of(new WorkflowsCapability(clock))));
  }

  /** POST step-completed with the API key, not waiting for the answer. */
  public Future<HttpResponse<Buffer>> completeAsync(JsonObject body) {
    return http.request(
            HttpMethod.POST, node.port(), "127.0.0.1", "/api/v1/workflow/step-completed")
        .putHeader("X-API-Key", TestNode.API_KEY)
        .sendBuffer(Buffer.buffer(body.encode()));
  }

  /**
   * Records every message published to {@code exchange} (a queue bound with {@code #}).
   *
   * @return the live list of messages, in the order consumed
   */
  public static List<BrokerMessage> record(Ports ports, String exchange) {
    List<BrokerMessage> seen = new CopyOnWriteArrayList<>();
    String queue = exchange + ".test-recorder";
    TestNode.await(
        ports
            .broker()
            .bind(queue, exchange, "#")
            .compose(
                v ->
                    ports
                        .broker()
                        .consume(
                            queue,
                            m -> {
                              seen.add(m);
                              return Future.succeededFuture();
                            })));
    return seen;
  }

  /** The messages of {@code seen} with routing key {@code key}. */
  public static List<JsonObject> bodies(List<BrokerMessage> seen, String key) {
    return seen.stream()
        .filter(m -> m.routingKey().equals(key))
        .map(m -> new JsonObject(new String(m.body(), StandardCharsets.UTF_8)))
        .toList();
  }

  /** A product body. */
  public static JsonObject product(String name) {
    return new JsonObject()
        .put("name", name)
        .put("description", "Test")
        .put("images", new JsonArray().add("img1.jpg"))
        .put("category", "Electronics")
        .put("price", 99.99);
  }

  /** A request as {@code user} ({@code null}: no token). */
  public HttpResponse<Buffer> call(HttpMethod method, String path, String user, Object body) {
    HttpRequest<Buffer> r = http.request(method, node.port(), "127.0.0.1", path);
    if (user != null) {
      r.putHeader("Authorization", "Bearer " + node.token(user));
    }
    return TestNode.await(body == null ? r.send() : r.sendBuffer(Buffer.buffer(body.toString())));
  }

  /** Uploads as {@code user}; asserts 202 and returns the workflow id. */
  public String upload(String user, JsonObject body) {
    HttpResponse<Buffer> r = call(HttpMethod.POST, "/api/v1/workflow/upload", user, body);
    if (r.statusCode() != 202) {
      throw new AssertionError("expected 202, got " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("workflow_id");
  }

  /** GET status as {@code user}. */
  public HttpResponse<Buffer> status(String user, String id) {
    return call(HttpMethod.GET, "/api/v1/workflow/status?workflow_id=" + id, user, null);
  }

  /** The workflow as its owner {@code user} sees it (asserts 200). */
  public JsonObject workflow(String user, String id) {
    HttpResponse<Buffer> r = status(user, id);
    if (r.statusCode() != 200) {
      throw new AssertionError("expected 200, got " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  /** Waits until the workflow's status is {@code status}; returns it. */
  public JsonObject awaitStatus(String user, String id, String status) {
    JsonObject[] wf = new JsonObject[1];
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> status.equals((wf[0] = workflow(user, id)).getString("status")));
    return wf[0];
  }

  /** POST step-completed with the API key ({@code key} null: none). */
  public HttpResponse<Buffer> complete(Object body, String key) {
    HttpRequest<Buffer> r =
        http.request(HttpMethod.POST, node.port(), "127.0.0.1", "/api/v1/workflow/step-completed");
    if (key != null) {
      r.putHeader("X-API-Key", key);
    }
    return TestNode.await(r.sendBuffer(Buffer.buffer(body.toString())));
  }

  /** The completion body of step {@code index} of {@code wf}. */
  public static JsonObject completion(JsonObject wf, int index, boolean success) {
    JsonObject step = wf.getJsonArray("steps").getJsonObject(index);
    JsonObject body =
        new JsonObject()
            .put("workflow_id", wf.getString("id"))
            .put("step_id", step.getString("id"))
            .put("step_type", step.getString("type"))
            .put("success", success);
    return success
        ? body.put("result", new JsonObject().put("step", step.getString("type")))
        : body.put("error_msg", "worker broke");
  }

  /** Completes step {@code index} as a worker with the API key. */
  public HttpResponse<Buffer> complete(JsonObject wf, int index, boolean success) {
    return complete(completion(wf, index, success), TestNode.API_KEY);
  }

  /** A connected socket of {@code user}, welcome read. */
  public TestClient connect(String user) {
    return node.connect(user);
  }

  public double metric(String series) {
    return node.metric(series);
  }

  @Override
  public void close() {
    http.close();
    node.close();
  }
}
