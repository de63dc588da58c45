package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.agent.route.Routes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent forwarding tunnel requests to a real local HTTP service over real sockets (SPEC C4,
 * docs/agent.md): shapes of request and reply data, statuses passed through, and every error code.
 */
class AgentForwardIT {
  private static final long MAX_BODY = 4096;
  private static Vertx vertx;
  private static StubGateway gateway;
  private static StubService service;
  private static Agent agent;
  private static StubSocket socket;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    gateway = StubGateway.start(vertx);
    service = StubService.start(vertx);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Routes routes =
        Routes.parse(
            List.of(
                "echo=POST:" + service.url() + "/api/echo?fixed=1",
                "text=GET:" + service.url() + "/text",
                "hold=GET:" + service.url() + "/hold",
                "slow=GET:" + service.url() + "/slow",
                "down=GET:http://127.0.0.1:" + closedPort + "/x",
                "*=" + service.url()));
    AgentOptions options =
        AgentOptions.defaults(
                URI.create(gateway.url()), StubGateway.PROJECT, StubGateway.TOKEN, routes)
            .withLimits(2, MAX_BODY, Duration.ofSeconds(2));
    agent = Agent.create(vertx, options);
    agent.start();
    socket = gateway.next();
  }

  @AfterAll
  static void stop() {
    StubGateway.await(agent.stop());
    service.close();
    gateway.close();
    StubGateway.await(vertx.close());
  }

  @Test
  void fixedRoutePostsJsonBodyWithHeadersAndAppendsThePath() {
    JsonObject data =
        new JsonObject()
            .put("method", "DELETE")
            .put("path", "/sub?q=2")
            .put("headers", new JsonObject().put("X-Test", "yes").put("Connection", "close"))
            .put("body", new JsonObject().put("k", 1));
    JsonObject reply = socket.request("f1", "echo", data);
    assertThat(reply.getString("project_id")).isEqualTo(StubGateway.PROJECT);
    assertThat(reply.getString("type")).isEqualTo("echo");
    assertThat(reply.containsKey("error")).isFalse();
    JsonObject out = reply.getJsonObject("data");
    assertThat(out.getInteger("status")).isEqualTo(200);
    assertThat(out.getJsonObject("headers").getString("x-upstream")).isEqualTo("echo");
    assertThat(out.getJsonObject("headers").containsKey("connection")).isFalse();
    assertThat(out.getJsonObject("headers").containsKey("content-length")).isFalse();
    JsonObject seen = out.getJsonObject("body");
    assertThat(seen.getString("method")).isEqualTo("POST");
    assertThat(seen.getString("path")).isEqualTo("/api/echo/sub");
    assertThat(seen.getString("query")).isEqualTo("fixed=1&q=2");
    assertThat(seen.getJsonObject("headers").getString("x-test")).isEqualTo("yes");
    assertThat(seen.getJsonObject("headers").getString("content-type"))
        .isEqualTo("application/json");
    assertThat(new JsonObject(seen.getString("body"))).isEqualTo(new JsonObject().put("k", 1));
  }

  @Test
  void wildcardRouteTakesMethodAndPathFromDataAndSendsAStringAsText() {
    JsonObject data =
        new JsonObject().put("method", "put").put("path", "/things/echo?a=1").put("body", "hi");
    JsonObject seen = socket.request("w1", "anything", data).getJsonObject("data");
    assertThat(seen.getInteger("status")).isEqualTo(200);
    JsonObject body = seen.getJsonObject("body");
    assertThat(body.getString("method")).isEqualTo("PUT");
    assertThat(body.getString("path")).isEqualTo("/things/echo");
    assertThat(body.getString("query")).isEqualTo("a=1");
    assertThat(body.getString("body")).isEqualTo("hi");
    assertThat(body.getJsonObject("headers").getString("content-type")).startsWith("text/plain");

    JsonObject get =
        new JsonObject()
            .put("path", "/echo?k=v")
            .put("headers", new JsonObject().put("X-Test", new JsonArray().add("a").add("b")));
    JsonObject seenGet = socket.request("w2", "anything", get).getJsonObject("data");
    assertThat(seenGet.getJsonObject("body").getString("method")).isEqualTo("GET");
    assertThat(seenGet.getJsonObject("body").getString("query")).isEqualTo("k=v");
    assertThat(seenGet.getJsonObject("body").getString("body")).isEmpty();
    assertThat(seenGet.getJsonObject("body").getJsonObject("headers").getString("x-test"))
        .isIn("a", "b", "a,b", "a, b");
  }

  @Test
  void textAndBrokenJsonResponsesComeBackAsStrings() {
    JsonObject text = socket.request("t1", "text", null).getJsonObject("data");
    assertThat(text.getInteger("status")).isEqualTo(200);
    assertThat(text.getValue("body")).isEqualTo("plain text");
    JsonObject broken =
        socket
            .request("t2", "x", new JsonObject().put("path", "/broken-json"))
            .getJsonObject("data");
    assertThat(broken.getValue("body")).isEqualTo("{nope");
  }

  @Test
  void upstreamErrorStatusesAreNormalReplies() {
    for (int status : new int[] {404, 500}) {
      JsonObject reply =
          socket.request("s" + status, "x", new JsonObject().put("path", "/status/" + status));
      assertThat(reply.containsKey("error")).isFalse();
      assertThat(reply.getJsonObject("data").getInteger("status")).isEqualTo(status);
      assertThat(reply.getJsonObject("data").getValue("body")).isEqualTo("s" + status);
    }
  }

  @Test
  void pingIsAnsweredByTheAgentItself() {
    JsonObject reply = socket.request("p1", "ping", null);
    assertThat(reply.getJsonObject("data")).isEqualTo(new JsonObject().put("pong", true));
    assertThat(reply.getString("type")).isEqualTo("ping");
  }

  @Test
  void badDataIsABadRequest() {
    assertError(socket.request("b1", "echo", "not an object"), "bad_request");
    assertError(socket.request("b2", "x", new JsonObject().put("method", "G E T")), "bad_request");
    assertError(socket.request("b3", "x", new JsonObject().put("path", "no-slash")), "bad_request");
    assertError(
        socket.request("b4", "x", new JsonObject().put("headers", new JsonArray().add(1))),
        "bad_request");
  }

  @Test
  void tooLargeBodiesAreRefusedBothWays() {
    JsonObject big = new JsonObject().put("body", "y".repeat((int) MAX_BODY + 1));
    assertError(socket.request("l1", "echo", big), "request_too_large");
    String n = "?n=" + (MAX_BODY + 1);
    assertError(
        socket.request("l2", "x", new JsonObject().put("path", "/big" + n)), "response_too_large");
    assertError(
        socket.request("l3", "x", new JsonObject().put("path", "/chunked" + n)),
        "response_too_large");
    JsonObject fits = socket.request("l4", "x", new JsonObject().put("path", "/big?n=" + MAX_BODY));
    assertThat(fits.getJsonObject("data").getString("body")).hasSize((int) MAX_BODY);
  }

  @Test
  void unreachableAndSilentUpstreamsAreErrors() {
    assertError(socket.request("u1", "down", null), "upstream_unavailable");
    assertError(socket.request("u2", "slow", null), "upstream_timeout");
  }

  @Test
  void requestsOverMaxInFlightAreBusy() {
    socket.send("h1", "hold", null);
    socket.send("h2", "hold", null);
    await().atMost(Duration.ofSeconds(5)).until(() -> service.held.size() == 2);
    assertError(socket.request("h3", "hold", null), "busy");
    assertThat(socket.request("h4", "ping", null).getJsonObject("data").getBoolean("pong"))
        .isTrue();
    service.releaseHeld();
    assertThat(socket.reply("h1").getJsonObject("data").getInteger("status")).isEqualTo(200);
    assertThat(socket.reply("h2").getJsonObject("data").getJsonObject("body"))
        .isEqualTo(new JsonObject().put("released", true));
  }

  private static void assertError(JsonObject reply, String code) {
    assertThat(reply.getJsonObject("error")).as(reply.encode()).isNotNull();
    assertThat(reply.getJsonObject("error").getString("code")).as(reply.encode()).isEqualTo(code);
    assertThat(reply.getJsonObject("error").getString("message")).isNotBlank();
    assertThat(reply.getValue("data")).isNull();
  }
}
