package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.room.HistoryPage;
import io.switchboard.server.config.Access;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input over real WebSockets (SPEC C1 "Order and pressure", "Authentication", "Rooms"): every
 * rejection gets its documented {@code error} code or close code, and no harm is done — the
 * connection (unless closed on purpose) and every other client keep working.
 */
class BadInputIT {
  static final int MAX_FRAME = 1024;
  static TestNode node;

  /** maxFrameBytes 1024, maxRooms 2, and a {@code private} namespace joined by claim. */
  @BeforeAll
  static void start() {
    node =
        TestNode.start(
            c -> {
              ClientConfig d = c.client();
              Map<String, NamespaceConfig> ns = new HashMap<>(c.namespaces());
              ns.put("private", claimNamespace());
              return c.withClient(
                      new ClientConfig(
                          MAX_FRAME,
                          d.outboundQueueFrames(),
                          d.ratePerSecond(),
                          d.rateBurst(),
                          2,
                          d.heartbeat(),
                          d.outboundQueueBytes(),
                          d.maxPendingPublishes(),
                          d.maxConnectionsPerUser()))
                  .withNamespaces(ns);
            });
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static NamespaceConfig claimNamespace() {
    NamespaceConfig d = NamespaceConfig.DEFAULT;
    return new NamespaceConfig(
        Access.CLAIM,
        Access.AUTHENTICATED,
        "rooms",
        d.historySize(),
        d.historyTtl(),
        d.presence(),
        d.presenceEvents(),
        d.presenceListLimit(),
        d.presenceEventsMaxMembers(),
        d.presenceCountInterval(),
        d.snapshotEvents(),
        d.snapshotTtl(),
        null);
  }

  static void assertAlive(TestClient c) {
    c.assertAlive();
  }

  /** Expects the very next frame to be an error with {@code code}. */
  static JsonObject expectError(TestClient c, String code) {
    JsonObject e = c.expect("error");
    assertThat(e.getString("code")).as(e.encode()).isEqualTo(code);
    assertThat(e.getString("message")).isNotBlank();
    return e;
  }

  // ---- malformed frames --------------------------------------------------------------------

  @Test
  void malformedJsonIsBadRequestAndTheConnectionStaysOpen() {
    try (TestClient c = node.connect("alice")) {
      c.sendText("{\"type\":\"ping\",");
      JsonObject e = expectError(c, "bad_request");
      assertThat(e.containsKey("id")).isFalse();
      assertThat(e.getString("message")).contains("JSON");
      c.sendText("not json at all");
      expectError(c, "bad_request");
      assertAlive(c);
    }
  }

  @Test
  void jsonThatIsNotAnObjectIsBadRequest() {
    try (TestClient c = node.connect("alice")) {
      for (String text : List.of("[1,2]", "\"ping\"", "42", "null", "true")) {
        JsonObject e = expectError(c.sendText(text), "bad_request");
        assertThat(e.getString("message")).as(text).contains("object");
      }
      assertAlive(c);
    }
  }

  @Test
  void unknownTypeEchoesTheRequestIdAsSent() {
    try (TestClient c = node.connect("alice")) {
      JsonObject e =
          expectError(
              c.send(new JsonObject().put("type", "subscribe").put("id", "u1")), "unknown_type");
      assertThat(e.getValue("id")).isEqualTo("u1");
      JsonObject n =
          expectError(c.send(new JsonObject().put("type", "JOIN").put("id", 42)), "unknown_type");
      assertThat(n.getValue("id")).isEqualTo(42);
      assertAlive(c);
    }
  }

  @Test
  void missingOrNonStringTypeIsUnknownType() {
    try (TestClient c = node.connect("alice")) {
      JsonObject e =
          expectError(
              c.send(new JsonObject().put("id", "m1").put("room", "chat:x")), "unknown_type");
      assertThat(e.getString("id")).isEqualTo("m1");
      JsonObject n =
          expectError(c.send(new JsonObject().put("id", "m2").put("type", 7)), "unknown_type");
      assertThat(n.getString("id")).isEqualTo("m2");
      assertAlive(c);
    }
  }

  @Test
  void missingFieldsAreBadRequestNamingTheField() {
    try (TestClient c = node.connect("alice")) {
      JsonObject join =
          expectError(c.send(new JsonObject().put("type", "join").put("id", "j")), "bad_request");
      assertThat(join.getString("id")).isEqualTo("j");
      assertThat(join.getString("message")).contains("'room'");
      JsonObject publish =
          expectError(
              c.send(
                  new JsonObject()
                      .put("type", "publish")
                      .put("id", "p")
                      .put("room", "chat:fields")
                      .put("data", 1)),
              "bad_request");
      assertThat(publish.getString("message")).contains("'event'");
      JsonObject emptyRoom =
          expectError(
              c.send(new JsonObject().put("type", "leave").put("id", "l").put("room", "")),
              "bad_request");
      assertThat(emptyRoom.getString("message")).contains("'room'");
      JsonObject roomNumber =
          expectError(
              c.send(new JsonObject().put("type", "presence").put("id", "r").put("room", 5)),
              "bad_request");
      assertThat(roomNumber.getString("message")).contains("'room'");
      JsonObject since =
          expectError(
              c.send(
                  new JsonObject()
                      .put("type", "join")
                      .put("id", "s")
                      .put("room", "chat:fields")
                      .put("since", new JsonObject().put("offset", -1))),
              "bad_request");
      assertThat(since.getString("message")).contains("since");
      // nothing was half-done: the publish did not happen and the join did not happen
      HistoryPage page = TestNode.await(node.ports.history().read("chat:fields", 0));
      assertThat(page.position().offset()).isZero();
      assertAlive(c);
      assertThat(c.join("chat:fields").getJsonObject("data").getJsonArray("presence")).hasSize(1);
    }
  }

  @Test
  void idOfTheWrongTypeIsBadRequestWithoutId() {
    try (TestClient c = node.connect("alice")) {
      for (Object id :
          List.of(true, new JsonObject().put("a", 1), new io.vertx.core.json.JsonArray().add(1))) {
        JsonObject e =
            expectError(c.send(new JsonObject().put("type", "ping").put("id", id)), "bad_request");
        assertThat(e.containsKey("id")).isFalse();
        assertThat(e.getString("message")).contains("id");
      }
      assertAlive(c);
    }
  }

  // ---- frames and sizes --------------------------------------------------------------------

  @Test
  void oversizedFrameIsFrameTooLargeAndTheConnectionStaysOpen() {
    try (TestClient c = node.connect("alice");
        TestClient b = node.connect("bob")) {
      b.join("chat:big");
      String pad = "x".repeat(MAX_FRAME * 2);
      c.send(
          new JsonObject()
              .put("type", "publish")
              .put("id", "big")
              .put("room", "chat:big")
              .put("event", "e")
              .put("data", pad));
      JsonObject e = expectError(c, "frame_too_large");
      assertThat(e.getString("message")).contains(String.valueOf(MAX_FRAME));
      assertAlive(c);
      // the oversized publication was not made
      assertAlive(b);
      assertThat(b.pending()).isZero();
      assertThat(TestNode.await(node.ports.history().read("chat:big", 0)).position().offset())
          .isZero();
      // a frame at the limit is fine
      JsonObject ok = new JsonObject().put("type", "ping").put("id", "edge").put("pad", "");
      ok.put("pad", "y".repeat(MAX_FRAME - ok.encode().length()));
      assertThat(ok.encode()).hasSize(MAX_FRAME);
      assertThat(c.send(ok).expect("pong").getString("id")).isEqualTo("edge");
    }
  }

  /**
   * A frame over four times the limit closes with 1009 (message too big); others are unaffected.
   */
  @Test
  void frameMoreThanFourTimesTheLimitClosesWith1009AndOthersAreUnaffected() {
    try (TestClient c = node.connect("alice");
        TestClient other = node.connect("bob")) {
      c.sendText("{\"type\":\"ping\",\"pad\":\"" + "z".repeat(MAX_FRAME * 4 + 100) + "\"}");
      assertThat(c.awaitClose()).isEqualTo((short) 1009);
      assertAlive(other);
      await().atMost(Duration.ofSeconds(5)).until(() -> gatewayConnections() == 1);
    }
  }

  /**
   * Beyond sixteen times the limit the WebSocket codec refuses to buffer the frame at all and drops
   * the TCP connection without a close frame (Vert.x maxWebSocketFrameSize).
   */
  @Test
  void frameMoreThanSixteenTimesTheLimitDropsTheConnectionOnTheWire() {
    try (RawWebSocket raw = RawWebSocket.connect(node, "/ws?token=" + node.token("raw"));
        TestClient other = node.connect("bob")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.opcodes.contains(0x1));
      raw.sendText("{\"type\":\"ping\",\"pad\":\"" + "z".repeat(MAX_FRAME * 16 + 100) + "\"}");
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.tcpClosed);
      assertThat(raw.closeCode).as("close frame").isNull();
      assertAlive(other);
    }
  }

  private static int gatewayConnections() {
    String metrics = node.metrics();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("switchboard_connections ")) {
        return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    throw new AssertionError("no switchboard_connections in /metrics");
  }

  @Test
  void binaryFrameIsNotSupportedAndTheConnectionStaysOpen() {
    try (TestClient c = node.connect("alice")) {
      c.sendBinary("{\"type\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      expectError(c, "binary_not_supported");
      assertAlive(c);
    }
  }

  // ---- authentication ----------------------------------------------------------------------

  /**
   * Connects on the raw wire (Vert.x's client sometimes loses a connect whose close frame arrives
   * with the handshake) and asserts the refusal: one {@code unauthorized} error, then close 4001.
   */
  private static void assertRefused(TestNode target, String path, String message) {
    try (RawWebSocket raw = RawWebSocket.connect(target, path)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.closeCode != null);
      assertThat(raw.statusLine).contains("101");
      assertThat(raw.texts).hasSize(1);
      JsonObject e = new JsonObject(raw.texts.get(0));
      assertThat(e.getString("type")).isEqualTo("error");
      assertThat(e.getString("code")).isEqualTo("unauthorized");
      assertThat(e.getString("message")).isEqualTo(message);
      assertThat(raw.closeCode).isEqualTo(4001);
    }
  }

  @Test
  void missingTokenIsUnauthorizedThenClose4001() {
    try (TestClient other = node.connect("bob")) {
      assertRefused(node, "/ws", "token required");
      assertAlive(other);
    }
  }

  @Test
  void expiredTokenIsRefusedWithTokenExpired() {
    assertRefused(node, "/ws?token=" + node.expiredToken("alice"), "token expired");
    try (TestClient other = node.connect("alice")) {
      assertAlive(other);
    }
  }

  @Test
  void forgedTokenIsRefusedWithInvalidToken() {
    assertRefused(node, "/ws?token=" + node.forgedToken("alice"), "invalid token");
    assertRefused(node, "/ws?token=not.a.jwt", "invalid token");
  }

  @Test
  void tokenWithoutExpIsRefused() {
    assertRefused(node, "/ws?token=" + node.tokenWithoutExp("alice"), "token has no exp");
  }

  @Test
  void unsignedTokenIsRefusedWithInvalidToken() {
    // hand-built: {"alg":"none","typ":"JWT"} . {"sub":"alice","exp":<in 10 min>} . (empty
    // signature)
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String payload =
        "{\"sub\":\"alice\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}";
    String unsigned =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + ".";
    assertRefused(node, "/ws?token=" + unsigned, "invalid token");
  }

  private static WebSocketConnectOptions ws() {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/ws");
  }

  @Test
  void tokenInCookieIsAccepted() {
    try (TestClient c =
        TestClient.connect(
            node.vertx, ws().addHeader("Cookie", "token=" + node.token("cookie-user")))) {
      assertThat(c.expect("welcome").getJsonObject("data").getString("user"))
          .isEqualTo("cookie-user");
      assertAlive(c);
    }
  }

  @Test
  void tokenInAuthorizationBearerHeaderIsAccepted() {
    try (TestClient c =
        TestClient.connect(
            node.vertx, ws().addHeader("Authorization", "Bearer " + node.token("bearer-user")))) {
      assertThat(c.expect("welcome").getJsonObject("data").getString("user"))
          .isEqualTo("bearer-user");
      assertAlive(c);
    }
  }

  @Test
  void cookieTokenComesBeforeQueryToken() {
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(node.port())
            .setURI("/ws?token=" + node.token("query-user"))
            .addHeader("Cookie", "token=" + node.token("cookie-user"));
    try (TestClient c = TestClient.connect(node.vertx, o)) {
      assertThat(c.expect("welcome").getJsonObject("data").getString("user"))
          .isEqualTo("cookie-user");
    }
  }

  @Test
  void anonymousConnectionsWhenAllowedAreForbiddenInAuthenticatedNamespaces() {
    UnaryOperator<SwitchboardConfig> anonymous = c -> c.withAuth(c.auth().withAnonymous(true));
    try (TestNode anon = TestNode.start(anonymous);
        TestClient c = TestClient.connect(anon.vertx, anon.port(), "/ws");
        TestClient member = anon.connect("bob")) {
      JsonObject welcome = c.expect("welcome").getJsonObject("data");
      assertThat(welcome.containsKey("user")).isTrue();
      assertThat(welcome.getValue("user")).isNull();
      c.send(new JsonObject().put("type", "join").put("id", "a1").put("room", "chat:anon"));
      JsonObject e = expectError(c, "forbidden");
      assertThat(e.getString("id")).isEqualTo("a1");
      // the anonymous connection may join an ANYONE namespace, but not publish to a server-only one
      JsonObject joined = c.join("news:anon");
      assertThat(joined.getJsonObject("data").getBoolean("recovered")).isFalse();
      c.send(
          new JsonObject()
              .put("type", "publish")
              .put("id", "a2")
              .put("room", "news:anon")
              .put("event", "e"));
      expectError(c, "forbidden");
      assertAlive(c);
      // a token is still verified when one is sent
      assertRefused(anon, "/ws?token=" + anon.forgedToken("x"), "invalid token");
      member.join("chat:anon");
      assertAlive(member);
    }
  }

  // ---- rooms and access --------------------------------------------------------------------

  @Test
  void claimNamespaceNeedsTheRoomOrAWildcardInTheClaim() {
    TestClient one =
        TestClient.connect(
            node.vertx, node.port(), "/ws?token=" + node.tokenWithRooms("carol", "private:1"));
    TestClient all =
        TestClient.connect(
            node.vertx, node.port(), "/ws?token=" + node.tokenWithRooms("dave", "private:*"));
    try (one;
        all;
        TestClient none = node.connect("erin")) {
      one.expect("welcome");
      all.expect("welcome");
      assertThat(one.join("private:1").getString("room")).isEqualTo("private:1");
      one.send(new JsonObject().put("type", "join").put("id", "p2").put("room", "private:2"));
      JsonObject e = expectError(one, "forbidden");
      assertThat(e.getString("id")).isEqualTo("p2");
      assertThat(all.join("private:2").getString("room")).isEqualTo("private:2");
      all.join("private:1");
      none.send(new JsonObject().put("type", "join").put("id", "p3").put("room", "private:1"));
      expectError(none, "forbidden");
      assertAlive(one);
      assertAlive(none);
      // the forbidden joins left no trace: presence of private:1 is exactly the two allowed
      all.send(new JsonObject().put("type", "presence").put("id", "pr").put("room", "private:1"));
      JsonObject presence = all.skipTo("presence");
      while (!"pr".equals(presence.getString("id"))) {
        presence = all.skipTo("presence");
      }
      assertThat(
              presence.getJsonArray("data").stream().map(o -> ((JsonObject) o).getString("user")))
          .containsExactlyInAnyOrder("carol", "dave");
    }
  }

  @Test
  void invalidAndReservedRoomNamesAreInvalidRoom() {
    try (TestClient c = node.connect("alice")) {
      List<String> bad =
          List.of(
              "noseparator",
              "chat:",
              ":x",
              "chat:with space",
              "chat:" + "x".repeat(300),
              "user:alice",
              "user:x");
      for (String room : bad) {
        c.send(new JsonObject().put("type", "join").put("id", room).put("room", room));
        JsonObject e = expectError(c, "invalid_room");
        assertThat(e.getString("id")).isEqualTo(room);
      }
      JsonObject reserved =
          expectError(
              c.send(
                  new JsonObject()
                      .put("type", "publish")
                      .put("id", 1)
                      .put("room", "user:bob")
                      .put("event", "e")
                      .put("data", 1)),
              "invalid_room");
      assertThat(reserved.getString("message")).contains("reserved");
      assertAlive(c);
    }
  }

  @Test
  void unknownNamespaceIsUnknownNamespace() {
    try (TestClient c = node.connect("alice")) {
      JsonObject e =
          expectError(
              c.send(new JsonObject().put("type", "join").put("id", "n").put("room", "nope:1")),
              "unknown_namespace");
      assertThat(e.getString("message")).contains("nope");
      expectError(
          c.send(
              new JsonObject()
                  .put("type", "publish")
                  .put("id", "n2")
                  .put("room", "nope:1")
                  .put("event", "e")),
          "unknown_namespace");
      assertAlive(c);
    }
  }

  @Test
  void publishingToAServerOnlyRoomIsForbiddenAndNothingIsDelivered() {
    try (TestClient member = node.connect("bob");
        TestClient publisher = node.connect("alice")) {
      member.join("news:server-only");
      publisher.join("news:server-only");
      JsonObject e =
          expectError(
              publisher.send(
                  new JsonObject()
                      .put("type", "publish")
                      .put("id", "np")
                      .put("room", "news:server-only")
                      .put("event", "headline")
                      .put("data", "fake")),
              "forbidden");
      assertThat(e.getString("id")).isEqualTo("np");
      assertAlive(publisher);
      assertAlive(member);
      assertThat(member.pending()).isZero();
      assertThat(publisher.pending()).isZero();
      assertThat(
              TestNode.await(node.ports.history().read("news:server-only", 0)).position().offset())
          .isZero();
    }
  }

  @Test
  void tooManyRoomsIsRefusedAndLeavingMakesRoom() {
    try (TestClient c = node.connect("alice")) {
      c.join("chat:r1");
      c.join("chat:r2");
      JsonObject e =
          expectError(
              c.send(new JsonObject().put("type", "join").put("id", "r3").put("room", "chat:r3")),
              "too_many_rooms");
      assertThat(e.getString("id")).isEqualTo("r3");
      assertThat(e.getString("message")).contains("2");
      // re-joining a room already joined is not a new room
      assertThat(c.join("chat:r1").getJsonObject("data").getBoolean("recovered")).isTrue();
      c.send(new JsonObject().put("type", "leave").put("id", "l1").put("room", "chat:r1"));
      assertThat(c.skipTo("left").getString("id")).isEqualTo("l1");
      assertThat(c.join("chat:r3").getString("room")).isEqualTo("chat:r3");
      assertAlive(c);
    }
  }

  // ---- flooding ----------------------------------------------------------------------------

  @Test
  void floodingGetsRateLimitedThenClosedWith4029() {
    UnaryOperator<SwitchboardConfig> slowRate =
        c -> {
          ClientConfig d = c.client();
          return c.withClient(d.withRate(5, 5));
        };
    try (TestNode flood = TestNode.start(slowRate);
        TestClient c = flood.connect("mallory");
        TestClient other = flood.connect("alice")) {
      // the burst of 5 is served
      for (int i = 0; i < 5; i++) {
        c.send(new JsonObject().put("type", "ping").put("id", i));
      }
      for (int i = 0; i < 5; i++) {
        assertThat(c.expect("pong").getInteger("id")).isEqualTo(i);
      }
      // a few more at once are answered rate_limited (fewer than 5 in a row: still open)
      for (int i = 5; i < 8; i++) {
        c.send(new JsonObject().put("type", "ping").put("id", i));
      }
      List<JsonObject> replies = List.of(c.next(), c.next(), c.next());
      assertThat(replies).allSatisfy(f -> assertThat(f.getString("type")).isIn("pong", "error"));
      List<JsonObject> limited =
          replies.stream().filter(f -> "error".equals(f.getString("type"))).toList();
      assertThat(limited)
          .isNotEmpty()
          .allSatisfy(
              f -> {
                assertThat(f.getString("code")).isEqualTo("rate_limited");
                assertThat(f.containsKey("id")).as("the frame was not parsed").isFalse();
              });
      assertThat(c.closeCode).isNotDone();
      // a flood is closed with 4029
      for (int i = 0; i < 100; i++) {
        c.send(new JsonObject().put("type", "ping").put("id", 100 + i));
      }
      await().atMost(Duration.ofSeconds(10)).until(c.closeCode::isDone);
      assertThat(c.closeCode.join()).isEqualTo((short) 4029);
      List<JsonObject> got = new ArrayList<>();
      while (c.pending() > 0) {
        got.add(c.next());
      }
      assertThat(got)
          .as("at most the rest of the burst and the rejections before the close")
          .hasSizeLessThan(10)
          .allSatisfy(f -> assertThat(f.getString("type")).isIn("pong", "error"));
      // another connection of the node is unaffected
      assertAlive(other);
    }
  }
}
