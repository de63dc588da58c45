package io.switchboard.workflows;

import static io.switchboard.workflows.testing.WorkflowsNode.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.switchboard.workflows.testing.WorkflowsNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's edges on the memory engine (SPEC C3; issue 9 points 4, 6, 8): auth (no token 401,
 * another user's workflow 404, step-completed without the API key 401), bad bodies 400 naming the
 * field, oversized bodies 413, the list with filters and pages, admins, and the owner-only room.
 */
class WorkflowApiIT {
  static WorkflowsNode node;

  @BeforeAll
  static void start() {
    node =
        WorkflowsNode.start(
            MemoryEngine.ports(), WorkflowsNode.fast(), c -> c.withServer(smallBodies(c.server())));
  }

  private static ServerConfig smallBodies(ServerConfig s) {
    return new ServerConfig(
        s.host(),
        s.port(),
        s.eventLoops(),
        s.shutdownGrace(),
        4096,
        s.nativeTransport(),
        s.transport(),
        s.allowedOrigins(),
        s.idleTimeout(),
        s.handshakeTimeout(),
        s.maxConnections());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String code(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  private static String message(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error").getString("message");
  }

  @Test
  void everyUserCallNeedsATokenAndSeesOnlyTheirOwnWorkflows() {
    String id = node.upload("ann", product("TV"));
    assertThat(
            node.call(HttpMethod.POST, "/api/v1/workflow/upload", null, product("x")).statusCode())
        .isEqualTo(401);
    assertThat(node.status(null, id).statusCode()).isEqualTo(401);
    assertThat(node.call(HttpMethod.GET, "/api/v1/workflow/list", null, null).statusCode())
        .isEqualTo(401);
    HttpResponse<Buffer> other = node.status("bob", id);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(code(other)).isEqualTo("workflow_not_found");
    assertThat(node.status("ann", "unknown").statusCode()).isEqualTo(404);
    assertThat(node.status("ann", "").statusCode()).isEqualTo(400);
    assertThat(node.workflow("ann", id).getString("user_id")).isEqualTo("ann");
  }

  @Test
  void stepCompletedNeedsTheApiKey() {
    JsonObject wf = node.workflow("ann", node.upload("ann", product("Radio")));
    JsonObject body = WorkflowsNode.completion(wf, 0, true);
    assertThat(node.complete(body, null).statusCode()).isEqualTo(401);
    assertThat(node.complete(body, "wrong-key-0123456789").statusCode()).isEqualTo(401);
    assertThat(node.complete(body, TestNode.API_KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void badBodiesAre400NamingTheFieldAndBigOnes413() {
    String path = "/api/v1/workflow/upload";
    record Case(Object body, String field) {}
    List<Case> cases =
        List.of(
            new Case("not json", "body"),
            new Case(new JsonArray(), "body"),
            new Case(product("x").put("name", ""), "name"),
            new Case(product("x").put("price", "cheap"), "price"),
            new Case(product("x").put("price", -1), "price"),
            new Case(product("x").put("images", "a.jpg"), "images"),
            new Case(product("x").put("images", new JsonArray().add(1)), "images"),
            new Case(product("x").put("metadata", "m"), "metadata"),
            new Case(product("x").put("workflow_type", "nope"), "workflow_type"));
    for (Case c : cases) {
      HttpResponse<Buffer> r = node.call(HttpMethod.POST, path, "ann", c.body());
      assertThat(r.statusCode()).as(c.toString()).isEqualTo(400);
      assertThat(code(r)).isEqualTo("bad_request");
      assertThat(message(r)).as(c.toString()).contains(c.field());
    }
    JsonObject wf = node.workflow("ann", node.upload("ann", product("Fan")));
    for (String field : new String[] {"workflow_id", "step_id", "step_type", "success"}) {
      JsonObject body = WorkflowsNode.completion(wf, 0, true);
      body.remove(field);
      HttpResponse<Buffer> r = node.complete(body, TestNode.API_KEY);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(message(r)).contains(field);
    }
    JsonObject huge = product("big").put("description", "x".repeat(5000));
    HttpResponse<Buffer> tooBig = node.call(HttpMethod.POST, path, "ann", huge);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(code(tooBig)).isEqualTo("payload_too_large");
    assertThat(
            node.call(HttpMethod.GET, "/api/v1/workflow/list?status=done", "ann", null)
                .statusCode())
        .isEqualTo(400);
    assertThat(node.call(HttpMethod.GET, "/api/v1/workflow/list?limit=0", "ann", null).statusCode())
        .isEqualTo(400);
    assertThat(
            node.call(HttpMethod.GET, "/api/v1/workflow/list?from=yesterday", "ann", null)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void theListFiltersAndPagesOnlyTheUsersWorkflowsOldestFirst() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(node.upload("lister", product("p" + i)));
    }
    node.upload("someone-else", product("other"));
    JsonObject cancelled = node.workflow("lister", ids.get(1));
    node.call(HttpMethod.POST, "/api/v1/workflow/cancel?workflow_id=" + ids.get(1), "lister", null);

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page =
          node.call(
                  HttpMethod.GET,
                  "/api/v1/workflow/list?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                  "lister",
                  null)
              .bodyAsJsonObject();
      assertThat(page.getInteger("count")).isLessThanOrEqualTo(2);
      page.getJsonArray("workflows").forEach(w -> paged.add(((JsonObject) w).getString("id")));
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    assertThat(paged).containsExactlyElementsOf(ids);

    JsonObject onlyCancelled =
        node.call(HttpMethod.GET, "/api/v1/workflow/list?status=cancelled", "lister", null)
            .bodyAsJsonObject();
    assertThat(onlyCancelled.getJsonArray("workflows")).hasSize(1);
    assertThat(onlyCancelled.getJsonArray("workflows").getJsonObject(0).getString("id"))
        .isEqualTo(cancelled.getString("id"));
    JsonObject running =
        node.call(
                HttpMethod.GET,
                "/api/v1/workflow/list?status=processing&type=product",
                "lister",
                null)
            .bodyAsJsonObject();
    assertThat(running.getInteger("count")).isEqualTo(4);
    assertThat(
            node.call(HttpMethod.GET, "/api/v1/workflow/list?type=other", "lister", null)
                .bodyAsJsonObject()
                .getInteger("count"))
        .isZero();
    String from = node.workflow("lister", ids.get(2)).getString("created_at");
    JsonObject later =
        node.call(HttpMethod.GET, "/api/v1/workflow/list?from=" + from, "lister", null)
            .bodyAsJsonObject();
    assertThat(later.getJsonArray("workflows").getJsonObject(0).getString("id"))
        .isIn(ids.subList(0, 3)); // same millisecond as an earlier one is possible
    assertThat(later.getInteger("count")).isBetween(3, 5);

    // an admin (roles claim) sees everybody's
    JsonObject all = adminCall("/api/v1/workflow/list?limit=100").bodyAsJsonObject();
    assertThat(
            all.getJsonArray("workflows").stream().map(w -> ((JsonObject) w).getString("user_id")))
        .contains("lister", "someone-else");
  }

  @Test
  void onlyTheOwnerJoinsTheWorkflowRoom() {
    String id = node.upload("owner", product("Clock"));
    try (TestClient other = node.connect("intruder");
        TestClient owner = node.connect("owner")) {
      other.send(new JsonObject().put("type", "join").put("id", "j").put("room", "workflow:" + id));
      JsonObject error = other.skipTo("error");
      assertThat(error.getJsonObject("data") == null ? error.encode() : error.encode())
          .contains("forbidden");
      assertThat(owner.join("workflow:" + id).getString("type")).isEqualTo("joined");
      other.send(
          new JsonObject().put("type", "join").put("id", "k").put("room", "workflow:unknown"));
      assertThat(other.skipTo("error").encode()).contains("forbidden");
    }
  }

  private static HttpResponse<Buffer> adminCall(String path) {
    JWTAuth jwt =
        JWTAuth.create(
            node.node.vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(TestNode.SECRET)));
    String token =
        jwt.generateToken(
            new JsonObject().put("sub", "root").put("roles", new JsonArray().add("admin")),
            new JWTOptions().setExpiresInSeconds(3600));
    return TestNode.await(
        node.http
            .get(node.node.port(), "127.0.0.1", path)
            .putHeader("Authorization", "Bearer " + token)
            .send());
  }
}
