package io.switchboard.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.capability.Capabilities;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.limit.HttpRateLimit;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No route is open by accident (SPEC C5; issue 11 point 2; the seed-004 proxy forwarded token-less
 * requests): a node with every capability lists its routes, each must have a policy in {@link
 * RoutePolicies} and a row in docs/routes.md, and every route that is not public answers 401 or 403
 * without credentials, with forged ones (a JWT signed by another key, a wrong API key) and with an
 * expired JWT.
 */
class RoutePolicyIT {
  static TestNode node;
  static WebClient http;

  @BeforeAll
  static void start() {
    // Telegram on, so that its webhook route (policy secret_header) is mounted and checked too
    io.switchboard.server.config.TelegramConfig telegram =
        io.switchboard.server.config.TelegramConfig.enabled(
            "123:route-policy-bot", "1", "http://127.0.0.1:9", "route-policy-secret", List.of("1"));
    SwitchboardConfig config = TestNode.defaults().withTelegram(telegram);
    node =
        TestNode.start(
            MemoryEngine.ports(), c -> c.withTelegram(telegram), Capabilities.of(config));
    http = WebClient.create(node.vertx);
  }

  @AfterAll
  static void stop() {
    http.close();
    node.close();
  }

  @Test
  void everyRouteHasAPolicyAndADocumentedRow() throws Exception {
    List<String> routes = node.server.routes();
    assertThat(routes).hasSizeGreaterThan(20);
    assertThat(RoutePolicies.TABLE.keySet())
        .as("routes mounted without a policy in RoutePolicies")
        .containsAll(routes);
    String doc = Files.readString(Path.of("..", "docs", "routes.md"));
    for (Map.Entry<String, RoutePolicy> e : RoutePolicies.TABLE.entrySet()) {
      String[] mp = e.getKey().split(" ", 2);
      assertThat(doc)
          .as("docs/routes.md row of " + e.getKey())
          .contains("| `" + mp[0] + "` | `" + mp[1] + "` | " + e.getValue().name().toLowerCase());
    }
  }

  /**
   * The anonymous per-address rate limit applies exactly to the public routes that do work
   * (everything public but operations, the dashboard's and examples' static files and the WebSocket
   * upgrade): a new public route is limited, and a protected one is never answered 429 instead of
   * 401.
   */
  @Test
  void theAnonymousRateLimitCoversExactlyThePublicRoutesThatDoWork() {
    List<String> open =
        RoutePolicies.TABLE.entrySet().stream()
            .filter(e -> e.getValue() == RoutePolicy.PUBLIC)
            .map(e -> e.getKey().split(" ", 2)[1])
            .filter(p -> !p.startsWith("/health") && !p.equals("/metrics") && !p.equals("/ws"))
            // the dashboard's static page and scripts: a classpath read, no work for the caller
            .filter(p -> !p.equals("/dashboard") && !p.startsWith("/dashboard/"))
            // the example pages (examples/chat.html): the same
            .filter(p -> !p.startsWith("/examples/"))
            .toList();
    assertThat(HttpRateLimit.OPEN_PATHS).containsExactlyInAnyOrderElementsOf(open);
  }

  @Test
  void everyNonPublicRouteRefusesMissingForgedAndExpiredCredentials() {
    List<String> open = new ArrayList<>();
    int checked = 0;
    for (String route : node.server.routes()) {
      RoutePolicy policy = RoutePolicies.TABLE.get(route);
      if (policy == null || policy == RoutePolicy.PUBLIC || policy == RoutePolicy.FILTER) {
        continue;
      }
      String[] mp = route.split(" ", 2);
      HttpMethod method = mp[0].equals("ANY") ? HttpMethod.POST : HttpMethod.valueOf(mp[0]);
      String path = sample(mp[1]);
      check(open, route, "no credentials", call(method, path));
      check(
          open,
          route,
          "forged credentials",
          call(method, path)
              .putHeader("Authorization", "Bearer " + node.forgedToken("alice"))
              .putHeader("X-API-Key", "not-the-key-0123456789"));
      check(
          open,
          route,
          "an expired token",
          call(method, path).putHeader("Authorization", "Bearer " + node.expiredToken("alice")));
      checked++;
    }
    assertThat(open).as("routes that did not refuse").isEmpty();
    assertThat(checked).isGreaterThan(20);
  }

  private static HttpRequest<Buffer> call(HttpMethod method, String path) {
    return http.request(method, node.port(), "127.0.0.1", path);
  }

  private static void check(List<String> open, String route, String what, HttpRequest<Buffer> r) {
    HttpResponse<Buffer> response =
        TestNode.await(
            r.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}")));
    int status = response.statusCode();
    if (status != 401 && status != 403) {
      open.add(route + " with " + what + ": " + status + " " + response.bodyAsString());
    }
  }

  /** A concrete path for a route: parameters filled in, a prefix route given a tail. */
  private static String sample(String path) {
    String p =
        path.replace(":room", "chat:1")
            .replace(":user", "u1")
            .replace(":project", "p1")
            .replace(":tokenId", "abc123")
            .replace(":type", "board.create")
            .replaceAll(":[a-zA-Z]+", "x1");
    return p.endsWith("/") ? p + "x1" : p;
  }
}
