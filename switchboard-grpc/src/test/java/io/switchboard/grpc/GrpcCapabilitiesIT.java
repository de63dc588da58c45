package io.switchboard.grpc;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.grpc.testing.GrpcNode;
import io.switchboard.grpc.v1.SendReply;
import io.switchboard.grpc.v1.SendRequest;
import io.switchboard.grpc.v1.SwitchboardGrpc;
import io.switchboard.grpc.v1.WorkflowStatusRequest;
import io.switchboard.server.config.WorkflowsConfig;
import io.switchboard.server.testing.TestNode;
import io.switchboard.tunnel.TunnelCapability;
import io.switchboard.workflows.WorkflowsCapability;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RPCs whose twins are capabilities' routes (issue 11 point 5): {@code Send} is {@code POST
 * /event/send} of the tunnel (a round trip through a real controller, the no-controller refusal),
 * {@code WorkflowStatus} is {@code GET /api/v1/workflow/status} with the user's token.
 */
class GrpcCapabilitiesIT {
  static GrpcNode node;

  @BeforeAll
  static void start() {
    WorkflowsConfig workflows =
        WorkflowsConfig.DEFAULT.withExchange(
            "wf_grpc_" + UUID.randomUUID().toString().substring(0, 8));
    node =
        GrpcNode.start(
            MemoryEngine.ports(),
            c -> c.withWorkflows(workflows),
            List.of(new WorkflowsCapability(), new TunnelCapability()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String project() {
    return "p-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A controller of {@code project} answering every request with its echo; closed by the caller.
   */
  static WebSocketClient echoController(String project) {
    return echoController(project, 1);
  }

  /**
   * A controller of {@code project} that holds the requests until {@code batch} of them arrived,
   * then answers them all with their echo; closed by the caller.
   */
  static WebSocketClient echoController(String project, int batch) {
    List<JsonObject> held = new java.util.ArrayList<>();
    HttpResponse<Buffer> issued =
        node.api(POST, "/api/v1/server/projects/" + project + "/tokens", null);
    assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(201);
    WebSocketClient client = node.node.vertx.createWebSocketClient();
    ClientWebSocket ws = client.webSocket();
    CompletableFuture<Void> welcome = new CompletableFuture<>();
    ws.textMessageHandler(
        t -> {
          JsonObject f = new JsonObject(t);
          if ("welcome".equals(f.getString("type")) && !f.containsKey("id")) {
            welcome.complete(null);
            return;
          }
          held.add(f);
          if (held.size() < batch) {
            return;
          }
          for (JsonObject q : held) {
            ws.writeTextMessage(
                new JsonObject()
                    .put("id", q.getString("id"))
                    .put("project_id", q.getString("project_id"))
                    .put("type", q.getString("type"))
                    .put("data", q.getValue("data"))
                    .encode());
          }
          held.clear();
        });
    TestNode.await(
        ws.connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(node.node.port())
                    .setURI("/event/ws?project_id=" + project)
                    .addHeader("connection_id", "c1")
                    .addHeader(
                        "Authorization", "Bearer " + issued.bodyAsJsonObject().getString("token")))
            .compose(v -> Future.fromCompletionStage(welcome)));
    return client;
  }

  @Test
  void sendReachesTheControllerAndItsReplyEqualsTheHttpTwins() {
    String p = project();
    WebSocketClient controller = echoController(p);
    try {
      JsonObject data = new JsonObject().put("page", 2).put("tags", new JsonArray().add("x"));
      HttpResponse<Buffer> http =
          node.api(
              POST,
              "/event/send",
              new JsonObject().put("project_id", p).put("type", "worker:list").put("data", data));
      SendReply grpc =
          node.withKey()
              .send(
                  SendRequest.newBuilder()
                      .setProjectId(p)
                      .setType("worker:list")
                      .setData(data.encode())
                      .build());
      assertThat(http.statusCode()).isEqualTo(200);
      JsonObject h = http.bodyAsJsonObject();
      assertThat(grpc.getId()).isNotBlank().isNotEqualTo(h.getString("id"));
      assertThat(grpc.getProjectId()).isEqualTo(h.getString("project_id")).isEqualTo(p);
      assertThat(grpc.getType()).isEqualTo(h.getString("type"));
      assertThat(new JsonObject(grpc.getData())).isEqualTo(h.getJsonObject("data")).isEqualTo(data);
      assertThat(grpc.hasError()).isEqualTo(h.containsKey("error")).isFalse();
    } finally {
      TestNode.await(controller.close());
    }
  }

  @Test
  void manySendsWaitOnTheControllerAtOnce() throws Exception {
    String p = project();
    int n = 40; // more than a default HTTP client pool (5): the loopback must not queue them
    WebSocketClient controller = echoController(p, n);
    try {
      SwitchboardGrpc.SwitchboardFutureStub stub =
          SwitchboardGrpc.newFutureStub(node.channel)
              .withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS)
              .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(apiKey()));
      List<com.google.common.util.concurrent.ListenableFuture<SendReply>> calls =
          new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(
            stub.send(
                SendRequest.newBuilder()
                    .setProjectId(p)
                    .setType("t")
                    .setData(Integer.toString(i))
                    .build()));
      }
      for (int i = 0; i < n; i++) {
        assertThat(calls.get(i).get(20, java.util.concurrent.TimeUnit.SECONDS).getData())
            .isEqualTo(Integer.toString(i));
      }
    } finally {
      TestNode.await(controller.close());
    }
  }

  static io.grpc.Metadata apiKey() {
    io.grpc.Metadata m = new io.grpc.Metadata();
    m.put(
        io.grpc.Metadata.Key.of("x-api-key", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
        TestNode.API_KEY);
    return m;
  }

  @Test
  void sendWithoutAControllerIsUnavailableAsTheHttp503() {
    String p = project();
    HttpResponse<Buffer> http =
        node.api(POST, "/event/send", new JsonObject().put("project_id", p).put("type", "t"));
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                node.withKey().send(SendRequest.newBuilder().setProjectId(p).setType("t").build()));
    assertThat(http.statusCode()).isEqualTo(503);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(GrpcNode.errorCode(e))
        .isEqualTo("no_controller")
        .isEqualTo(GrpcNode.error(http).getString("code"));
    assertThat(e.getStatus().getDescription())
        .isEqualTo("no_controller: " + GrpcNode.error(http).getString("message"));
  }

  @Test
  void sendWithABadProjectIsInvalidArgumentAsTheHttp400() {
    HttpResponse<Buffer> http =
        node.api(
            POST,
            "/event/send",
            new JsonObject().put("project_id", "bad project").put("type", "t"));
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                node.withKey()
                    .send(
                        SendRequest.newBuilder().setProjectId("bad project").setType("t").build()));
    assertThat(http.statusCode()).isEqualTo(400);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("bad_request: " + GrpcNode.error(http).getString("message"));
  }

  static JsonObject workflowOverHttp(String id, String bearer) {
    HttpResponse<Buffer> r =
        node.call(GET, "/api/v1/workflow/status?workflow_id=" + id, null, "Authorization", bearer);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  void workflowStatusEqualsTheHttpDocumentForItsOwnerOnly() {
    HttpResponse<Buffer> uploaded =
        node.call(
            POST,
            "/api/v1/workflow/upload",
            new JsonObject()
                .put("name", "Lamp")
                .put("description", "Test")
                .put("images", new JsonArray().add("img1.jpg"))
                .put("category", "Electronics")
                .put("price", 99.99),
            "Authorization",
            "Bearer " + node.node.token("olga"));
    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(202);
    String id = uploaded.bodyAsJsonObject().getString("workflow_id");
    String bearer = "Bearer " + node.node.token("olga");
    // the flow may move the document on between two reads: compare a gRPC read with the HTTP
    // reads just before and after it once those two agree (the flow waits for its workers then)
    JsonObject[] seen = new JsonObject[2];
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () -> {
              JsonObject before = workflowOverHttp(id, bearer);
              JsonObject grpc =
                  new JsonObject(
                      node.withHeader("authorization", bearer)
                          .workflowStatus(
                              WorkflowStatusRequest.newBuilder().setWorkflowId(id).build())
                          .getJson());
              JsonObject after = workflowOverHttp(id, bearer);
              seen[0] = grpc;
              seen[1] = after;
              return before.equals(after);
            });
    assertThat(seen[0]).isEqualTo(seen[1]);
    assertThat(seen[0].getString("workflow_id", seen[0].getString("id"))).isEqualTo(id);

    StatusRuntimeException other =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                node.withHeader("authorization", "Bearer " + node.node.token("piotr"))
                    .workflowStatus(WorkflowStatusRequest.newBuilder().setWorkflowId(id).build()));
    assertThat(other.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(GrpcNode.errorCode(other)).isEqualTo("workflow_not_found");

    StatusRuntimeException forged =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                node.withHeader("authorization", "Bearer " + node.node.forgedToken("olga"))
                    .workflowStatus(WorkflowStatusRequest.newBuilder().setWorkflowId(id).build()));
    assertThat(forged.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    StatusRuntimeException none =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                node.anonymous()
                    .workflowStatus(WorkflowStatusRequest.newBuilder().setWorkflowId(id).build()));
    assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }
}
