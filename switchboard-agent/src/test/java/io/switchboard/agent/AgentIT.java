package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.agent.route.Routes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection to the node over real sockets (SPEC C4, docs/agent.md "Connection"):
 * headers, welcome and garbage ignored, reconnects with the same connection id after a close, an
 * outage, an idle connection or a refused token, and the graceful stop with 1000.
 */
class AgentIT {
  private static final Duration IDLE = Duration.ofMillis(800);
  private Vertx vertx;
  private StubGateway gateway;
  private Agent agent;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    gateway = StubGateway.start(vertx);
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      StubGateway.await(agent.stop());
    }
    gateway.close();
    StubGateway.await(vertx.close());
  }

  private Agent agent(String token) {
    return agent(token, "echo=POST:http://127.0.0.1:1/echo");
  }

  private Agent agent(String token, String route) {
    AgentOptions options =
        AgentOptions.defaults(
                URI.create(gateway.url()), StubGateway.PROJECT, token, Routes.parse(List.of(route)))
            .withLink(IDLE, Duration.ofMillis(20), Duration.ofMillis(200));
    agent = Agent.create(vertx, options);
    agent.start();
    return agent;
  }

  @Test
  void connectsWithItsHeadersIgnoresTheWelcomeAndAnswersUnknownTypes() throws Exception {
    agent(StubGateway.TOKEN);
    StubSocket socket = gateway.next();
    assertThat(socket.connectionId).isEqualTo(agent.options().connectionId());
    assertThat(socket.project).isEqualTo(StubGateway.PROJECT);
    JsonObject reply = socket.request("u1", "nope", new JsonObject());
    assertThat(reply.getJsonObject("error").getString("code")).isEqualTo("unknown_type");
    assertThat(reply.getString("type")).isEqualTo("nope");
    assertThat(socket.frames.get()).as("nothing answered the welcome").isEqualTo(1);
    await().until(agent::connected);
  }

  @Test
  void malformedFramesAreIgnoredAndTheConnectionStays() throws Exception {
    agent(StubGateway.TOKEN);
    StubSocket socket = gateway.next();
    for (String garbage :
        List.of("not json", "[1,2]", "42", "null", "{}", "{\"type\":\"x\"}", "{\"id\":\"\"}")) {
      socket.sendRaw(garbage);
    }
    assertThat(socket.request("after", "ping", null).getJsonObject("data").getBoolean("pong"))
        .isTrue();
    assertThat(socket.frames.get()).isEqualTo(1);
    assertThat(socket.isClosed()).isFalse();
    assertThat(gateway.poll(Duration.ofMillis(200))).isNull();
  }

  @Test
  void reconnectsWithTheSameConnectionIdAfterTheNodeCloses() throws Exception {
    agent(StubGateway.TOKEN);
    StubSocket first = gateway.next();
    first.close();
    StubSocket second = gateway.next();
    assertThat(second.connectionId).isEqualTo(first.connectionId);
    assertThat(second.request("r1", "ping", null).getJsonObject("data").getBoolean("pong"))
        .isTrue();
  }

  @Test
  void reconnectsAfterTheNodeWasDownForAWhile() throws Exception {
    agent(StubGateway.TOKEN);
    StubSocket first = gateway.next();
    gateway.down();
    await().atMost(Duration.ofSeconds(10)).until(() -> !agent.connected());
    first.closed.get(10, TimeUnit.SECONDS);
    assertThat(gateway.poll(Duration.ofSeconds(1))).as("nothing while down").isNull();
    gateway.up();
    StubSocket second = gateway.next();
    assertThat(second.connectionId).isEqualTo(first.connectionId);
    assertThat(second.request("d1", "ping", null).containsKey("error")).isFalse();
  }

  @Test
  void answersPingsAndReconnectsOnlyWhenNoFrameCameForTheIdleTimeout() throws Exception {
    agent(StubGateway.TOKEN);
    StubSocket socket = gateway.next();
    socket.pingEvery(Duration.ofMillis(100));
    assertThat(gateway.poll(IDLE.multipliedBy(3))).as("pings keep it alive").isNull();
    assertThat(socket.pongs.get()).isPositive();
    assertThat(socket.isClosed()).isFalse();
    socket.stopPings();
    StubSocket next = gateway.next();
    assertThat(next.connectionId).isEqualTo(socket.connectionId);
    assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1001);
  }

  @Test
  void aRefusedTokenIsRetriedWarnedOnceAndNeverLogged() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(Agent.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    log.addAppender(events);
    try {
      agent("old-token");
      await().atMost(Duration.ofSeconds(10)).until(() -> gateway.refused.get() >= 4);
      gateway.acceptToken("old-token");
      StubSocket socket = gateway.next();
      assertThat(socket.request("a1", "ping", null).containsKey("error")).isFalse();
      List<ILoggingEvent> warned401 =
          events.list.stream()
              .filter(e -> e.getLevel() == Level.WARN)
              .filter(e -> e.getFormattedMessage().contains("401"))
              .toList();
      assertThat(warned401).hasSize(1);
      assertThat(events.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .noneMatch(m -> m.contains("old-token"));
    } finally {
      log.detachAppender(events);
    }
  }

  @Test
  void repliesToRequestsOfAConnectionThatIsGoneAreDropped() throws Exception {
    try (StubService service = StubService.start(vertx)) {
      agent(StubGateway.TOKEN, "hold=GET:" + service.url() + "/hold");
      StubSocket first = gateway.next();
      first.send("h1", "hold", null);
      await().atMost(Duration.ofSeconds(10)).until(() -> service.held.size() == 1);
      first.close();
      StubSocket second = gateway.next();
      service.releaseHeld();
      second.send("h2", "hold", null);
      await().atMost(Duration.ofSeconds(10)).until(() -> service.held.size() == 1);
      service.releaseHeld();
      assertThat(second.reply("h2").getJsonObject("data").getInteger("status")).isEqualTo(200);
      assertThat(second.hasReply("h1")).as("h1 belonged to the first connection").isFalse();
      assertThat(first.hasReply("h1")).isFalse();
    }
  }

  @Test
  void bodiesNearTheDefaultLimitCrossTheTunnelBothWays() throws Exception {
    try (StubService service = StubService.start(vertx)) {
      agent(StubGateway.TOKEN, "*=" + service.url());
      StubSocket socket = gateway.next();
      int n = 1_000_000;
      JsonObject big = socket.request("big", "x", new JsonObject().put("path", "/big?n=" + n));
      assertThat(big.getJsonObject("data").getString("body")).hasSize(n);
      JsonObject echo =
          socket.request(
              "echo", "x", new JsonObject().put("path", "/echo").put("body", "z".repeat(n / 2)));
      assertThat(echo.getJsonObject("data").getJsonObject("body").getString("body")).hasSize(n / 2);
      assertThat(socket.isClosed()).isFalse();
    }
  }

  @Test
  void stopDuringTheHandshakeStillClosesWith1000() throws Exception {
    gateway.holdUpgrades();
    agent(StubGateway.TOKEN);
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.heldUpgrades.size() == 1);
    var stopping = agent.stop();
    gateway.releaseUpgrades();
    StubSocket socket = gateway.next();
    assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1000);
    StubGateway.await(stopping);
    assertThat(gateway.poll(Duration.ofMillis(300))).isNull();
  }

  @Test
  void stopClosesWith1000AndDoesNotReconnect() throws Exception {
    agent(StubGateway.TOKEN);
    StubSocket socket = gateway.next();
    StubGateway.await(agent.stop());
    assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1000);
    assertThat(agent.connected()).isFalse();
    assertThat(gateway.poll(Duration.ofMillis(500))).isNull();
  }
}
