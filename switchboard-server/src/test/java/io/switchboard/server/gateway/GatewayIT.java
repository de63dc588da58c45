package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol's happy paths over real WebSockets against a node on the memory engine. */
class GatewayIT {
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void welcomeNamesConnectionUserNodeAndHeartbeat() {
    try (TestClient c =
        TestClient.connect(node.vertx, node.port(), "/ws?token=" + node.token("alice"))) {
      JsonObject w = c.expect("welcome").getJsonObject("data");
      assertThat(w.getString("user")).isEqualTo("alice");
      assertThat(w.getString("node")).isEqualTo(node.server.node());
      assertThat(w.getString("connection")).startsWith(node.server.node() + ".");
      assertThat(w.getLong("heartbeat")).isEqualTo(25L);
    }
  }

  @Test
  void publishIsAckedWithOffsetAndDeliveredToEveryMemberInOrder() {
    try (TestClient a = node.connect("alice");
        TestClient b = node.connect("bob")) {
      a.join("chat:order");
      b.join("chat:order");
      long first = a.publish("chat:order", "msg", new JsonObject().put("n", 1)).getLong("offset");
      long second = a.publish("chat:order", "msg", new JsonObject().put("n", 2)).getLong("offset");
      assertThat(second).isEqualTo(first + 1);
      JsonObject e1 = b.skipTo("event");
      JsonObject e2 = b.skipTo("event");
      assertThat(e1.getLong("offset")).isEqualTo(first);
      assertThat(e1.getString("from")).isEqualTo("alice");
      assertThat(e1.getString("event")).isEqualTo("msg");
      assertThat(e1.getJsonObject("data").getInteger("n")).isEqualTo(1);
      assertThat(e2.getLong("offset")).isEqualTo(second);
    }
  }

  @Test
  void joinCarriesHistorySnapshotAndPresence() {
    try (TestClient a = node.connect("alice")) {
      a.join("board:7");
      a.publish("board:7", "card.add", new JsonObject().put("id", 1));
      a.publish("board:7", "board.update", new JsonObject().put("cards", new JsonArray().add(1)));
      a.publish("board:7", "card.add", new JsonObject().put("id", 2));
      try (TestClient b = node.connect("bob")) {
        JsonObject data = b.join("board:7").getJsonObject("data");
        assertThat(data.getLong("offset")).isEqualTo(3L);
        assertThat(data.getBoolean("recovered")).isFalse();
        assertThat(data.getJsonObject("snapshot").getString("event")).isEqualTo("board.update");
        assertThat(data.getJsonObject("snapshot").getLong("offset")).isEqualTo(2L);
        assertThat(data.getJsonObject("snapshot").getJsonObject("data").getJsonArray("cards"))
            .containsExactly(1);
        JsonArray history = data.getJsonArray("history");
        assertThat(history).hasSize(1);
        assertThat(history.getJsonObject(0).getLong("offset")).isEqualTo(3L);
        assertThat(
                data.getJsonArray("presence").stream().map(o -> ((JsonObject) o).getString("user")))
            .containsExactlyInAnyOrder("alice", "bob");
      }
    }
  }

  @Test
  void presenceJoinAndLeaveAreBroadcastAndDisconnectLeavesEveryRoom() {
    try (TestClient a = node.connect("alice")) {
      a.join("chat:presence");
      TestClient b = node.connect("bob");
      JsonObject joined = b.join("chat:presence");
      JsonObject join = a.skipTo("presence").getJsonObject("data");
      assertThat(join.getString("action")).isEqualTo("join");
      assertThat(join.getString("user")).isEqualTo("bob");
      b.close();
      JsonObject leave = a.skipTo("presence").getJsonObject("data");
      assertThat(leave.getString("action")).isEqualTo("leave");
      assertThat(leave.getString("user")).isEqualTo("bob");
      a.send(new JsonObject().put("type", "presence").put("id", 9).put("room", "chat:presence"));
      JsonObject list = a.skipTo("presence");
      assertThat(list.getInteger("id")).isEqualTo(9);
      assertThat(list.getJsonArray("data")).hasSize(1);
      assertThat(joined.getJsonObject("data").getJsonArray("presence")).hasSize(2);
    }
  }

  @Test
  void aNamespaceWithoutPresenceListsNoMembersAndBroadcastsNoJoin() {
    try (TestClient a = node.connect("alice");
        TestClient b = node.connect("bob")) {
      JsonObject first = a.join("news:quiet").getJsonObject("data");
      assertThat(first.getJsonArray("presence")).isEmpty();
      // a join broadcast would be published before bob's joined reply is sent
      assertThat(b.join("news:quiet").getJsonObject("data").getJsonArray("presence")).isEmpty();
      // so the next frame alice gets is the reply to her ping: no presence frame came before it
      a.send(new JsonObject().put("type", "ping").put("id", "after"));
      assertThat(a.next().getString("type")).isEqualTo("pong");
    }
  }

  @Test
  void leaveIsIdempotentAndStopsDelivery() {
    try (TestClient a = node.connect("alice");
        TestClient b = node.connect("bob")) {
      a.join("chat:leave");
      b.join("chat:leave");
      b.send(new JsonObject().put("type", "leave").put("id", "l1").put("room", "chat:leave"));
      assertThat(b.skipTo("left").getString("id")).isEqualTo("l1");
      b.send(new JsonObject().put("type", "leave").put("id", "l2").put("room", "chat:leave"));
      assertThat(b.skipTo("left").getString("id")).isEqualTo("l2");
      a.publish("chat:leave", "msg", 1);
      b.send(new JsonObject().put("type", "ping").put("id", 5));
      assertThat(b.skipTo("pong").getInteger("id")).isEqualTo(5);
      assertThat(b.pending()).isZero();
    }
  }

  @Test
  void joinTwiceIsIdempotent() {
    try (TestClient a = node.connect("alice");
        TestClient b = node.connect("bob")) {
      a.join("chat:twice");
      b.join("chat:twice");
      a.publish("chat:twice", "msg", 1);
      assertThat(b.skipTo("event").getLong("offset")).isEqualTo(1L);
      JsonObject again = b.join("chat:twice").getJsonObject("data");
      assertThat(again.getBoolean("recovered")).isTrue();
      assertThat(again.getJsonArray("history")).isEmpty();
      assertThat(again.getLong("offset")).isEqualTo(1L);
      a.publish("chat:twice", "msg", 2);
      assertThat(b.skipTo("event").getLong("offset")).isEqualTo(2L);
      assertThat(b.pending()).isZero();
    }
  }

  @Test
  void tabsOfOneUserAreIndependentAndAllGetNotifications() {
    try (TestClient tab1 = node.connect("carol");
        TestClient tab2 = node.connect("carol");
        TestClient other = node.connect("dave")) {
      tab1.join("chat:tabs");
      tab2.join("chat:tabs");
      tab1.close();
      other.join("chat:tabs");
      other.publish("chat:tabs", "msg", "hi");
      assertThat(tab2.skipTo("event").getString("data")).isEqualTo("hi");
      TestNode.await(
          node.ports
              .pubSub()
              .publish(
                  "user:carol",
                  new io.switchboard.core.pubsub.BusMessage.Notification(
                      "carol", "command.applied", "{\"id\":1}")));
      JsonObject n = tab2.skipTo("notification");
      assertThat(n.getString("event")).isEqualTo("command.applied");
      assertThat(n.getJsonObject("data").getInteger("id")).isEqualTo(1);
    }
  }
}
