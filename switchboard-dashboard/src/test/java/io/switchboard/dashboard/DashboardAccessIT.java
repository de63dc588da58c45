package io.switchboard.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.dashboard.feed.StatsFeed;
import io.switchboard.dashboard.testing.DashboardNode;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may use the dashboard, over HTTP and {@code /ws} (issue 12 point 2; docs/dashboard.md): the
 * page is public with its own CSP; the admin routes answer 401 without a credential and 403 to a
 * signed-in user who is not an admin; a socket token from the API key joins {@code sys:metrics} and
 * receives the node's stats frame, while a plain user's join is refused.
 */
class DashboardAccessIT {
  private DashboardNode node;

  @BeforeEach
  void start() {
    node = DashboardNode.start();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void thePageIsPublicWithAPolicyThatLetsItsOwnScriptsRun() {
    HttpResponse<Buffer> page = node.call(HttpMethod.GET, "/dashboard", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("<sb-nodes>");
    assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(DashboardCapability.CSP);
    HttpResponse<Buffer> vendor = node.call(HttpMethod.GET, "/dashboard/vendor/index.js", null);
    assertThat(vendor.statusCode()).isEqualTo(200);
    assertThat(vendor.getHeader("Content-Type")).contains("javascript");
    assertThat(vendor.bodyAsString()).contains("export { Switchboard }");
    assertThat(vendor.getHeader("Content-Security-Policy")).isEqualTo(DashboardCapability.CSP);
    // the rest of the node keeps its strict policy
    assertThat(node.call(HttpMethod.GET, "/health", null).getHeader("Content-Security-Policy"))
        .startsWith("default-src 'none'");
  }

  @Test
  void theAdminRoutesRefuseAnonymousCallersAndUsersWhoAreNotAdmins() {
    assertThat(node.call(HttpMethod.GET, "/api/v1/dashboard/overview", null).statusCode())
        .isEqualTo(401);
    node.register("user@example.com");
    String user = node.login("user@example.com");
    assertThat(
            node.call(
                    HttpMethod.GET,
                    "/api/v1/dashboard/overview",
                    null,
                    "Authorization",
                    "Bearer " + user)
                .statusCode())
        .isEqualTo(403);
    String admin = node.register("admin@example.com");
    node.makeAdmin(admin);
    HttpResponse<Buffer> overview =
        node.call(
            HttpMethod.GET,
            "/api/v1/dashboard/overview",
            null,
            "Authorization",
            "Bearer " + node.login("admin@example.com"));
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.bodyAsJsonObject().getJsonObject("node").getString("node"))
        .isEqualTo(node.node.server.node());
    assertThat(overview.bodyAsJsonObject().getJsonArray("nodes"))
        .extracting(f -> ((JsonObject) f).getString("node"))
        .containsExactly(node.node.server.node());
  }

  @Test
  void aSocketTokenFromTheKeyJoinsTheStatsRoomAndAPlainUserCannot() {
    HttpResponse<Buffer> issued =
        node.call(
            HttpMethod.POST, "/api/v1/dashboard/socket-token", null, "X-API-Key", TestNode.API_KEY);
    assertThat(issued.statusCode()).isEqualTo(200);
    String token = issued.bodyAsJsonObject().getString("token");
    try (TestClient admin =
            TestClient.connect(node.node.vertx, node.node.port(), "/ws?token=" + token);
        TestClient user = node.node.connect("mallory")) {
      admin.expect("welcome");
      assertThat(admin.join(StatsFeed.ROOM).getString("type")).isEqualTo("joined");
      JsonObject frame = admin.skipTo("event");
      assertThat(frame.getString("event")).isEqualTo("stats");
      assertThat(frame.getJsonObject("data").getString("node")).isEqualTo(node.node.server.node());
      // a frame sampled before the second connection may still be on its way: at most a few
      for (int i = 0; i < 5 && frame.getJsonObject("data").getInteger("connections") != 2; i++) {
        frame = admin.skipTo("event");
      }
      assertThat(frame.getJsonObject("data").getInteger("connections")).isEqualTo(2);

      user.send(new JsonObject().put("type", "join").put("id", "j").put("room", StatsFeed.ROOM));
      JsonObject refused = user.skipTo("error");
      assertThat(refused.getString("code")).isEqualTo("forbidden");
    }
  }
}
