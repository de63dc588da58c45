package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three gateway nodes as separate processes on different ports, sharing one Redis and one RabbitMQ
 * (issue 3 point 5): every client-gateway behaviour holds across nodes as on one.
 */
class MultiNodeIT {
  static final int A = 0;
  static final int B = 1;
  static final int C = 2;
  static Cluster cluster;

  @BeforeAll
  static void startThreeNodes() {
    cluster = Cluster.start(3);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static List<String> users(JsonArray presence) {
    List<String> users = new ArrayList<>();
    presence.forEach(o -> users.add(((JsonObject) o).getString("user")));
    return users;
  }

  /** Reads events until {@code last}, asserting they are exactly {@code from..last} in order. */
  static void expectOffsets(WsClient c, long from, long last) {
    long expected = from;
    while (expected <= last) {
      JsonObject f = c.skipTo("event");
      assertThat(f.getLong("offset")).as("event after %s", expected - 1).isEqualTo(expected);
      expected++;
    }
  }

  @Test
  void eventsFromNodeBReachNodesAAndCInOffsetOrderAndPresenceSpansNodes() {
    try (WsClient a = cluster.connect(A, "alice");
        WsClient b = cluster.connect(B, "bob");
        WsClient c = cluster.connect(C, "carol")) {
      a.join("chat:span");
      b.join("chat:span");
      JsonObject joinedC = c.join("chat:span");
      assertThat(users(joinedC.getJsonObject("data").getJsonArray("presence")))
          .containsExactlyInAnyOrder("alice", "bob", "carol");
      JsonObject bobJoined = a.skipTo("presence").getJsonObject("data");
      assertThat(bobJoined.getString("action")).isEqualTo("join");
      assertThat(bobJoined.getString("user")).isEqualTo("bob");
      assertThat(a.skipTo("presence").getJsonObject("data").getString("user")).isEqualTo("carol");
      assertThat(cluster.presence(A, "chat:span"))
          .containsExactlyInAnyOrder("alice", "bob", "carol");

      for (int i = 1; i <= 200; i++) {
        b.publish("chat:span", i, i);
      }
      expectOffsets(a, 1, 200);
      expectOffsets(c, 1, 200);

      c.send(new JsonObject().put("type", "leave").put("room", "chat:span"));
      JsonObject left = a.skipTo("presence").getJsonObject("data");
      assertThat(left.getString("action")).isEqualTo("leave");
      assertThat(left.getString("user")).isEqualTo("carol");
      assertThat(b.skipTo("presence").getJsonObject("data").getString("user"))
          .isEqualTo("carol"); // her join
      JsonObject leftOnB = b.skipTo("presence").getJsonObject("data");
      assertThat(leftOnB.getString("action")).isEqualTo("leave");
      assertThat(leftOnB.getString("user")).isEqualTo("carol");
      assertThat(cluster.presence(B, "chat:span")).containsExactlyInAnyOrder("alice", "bob");
    }
  }

  @Test
  void aJoinOnNodeCDuringConcurrentPublishesOnAAndBHasNoGapAndNoDuplicate() {
    int perPublisher = 600;
    long total = 2L * perPublisher;
    try (WsClient pa = cluster.connect(A, "pa");
        WsClient pb = cluster.connect(B, "pb");
        WsClient watcher = cluster.connect(A, "watcher")) {
      watcher.join("chat:race");
      List<WsClient> joiners = new ArrayList<>();
      try {
        int chunk = 50;
        for (int sent = 0; sent < perPublisher; sent += chunk) {
          for (int i = 1; i <= chunk; i++) {
            pa.publish("chat:race", sent + i, sent + i);
            pb.publish("chat:race", sent + i, 100_000 + sent + i);
          }
          if (joiners.size() < 8) { // joins land while both publishers' frames are in flight
            WsClient j = cluster.connect(C, "joiner" + joiners.size());
            j.sendJoin("chat:race", null, 0);
            joiners.add(j);
          }
        }
        expectOffsets(watcher, 1, total);
        int midStream = 0;
        for (WsClient j : joiners) {
          JsonObject data = j.skipTo("joined").getJsonObject("data");
          long at = data.getLong("offset");
          JsonArray history = data.getJsonArray("history");
          long expected = Math.max(1, at - history.size() + 1);
          for (Object h : history) {
            assertThat(((JsonObject) h).getLong("offset")).isEqualTo(expected++);
          }
          assertThat(expected - 1).isEqualTo(at);
          if (at > 0 && at < total) {
            midStream++;
          }
          expectOffsets(j, at + 1, total);
          assertThat(j.poll(0)).as("nothing after the last publication").isNull();
        }
        assertThat(midStream).as("joins that landed mid-stream").isGreaterThanOrEqualTo(3);
      } finally {
        joiners.forEach(WsClient::close);
      }
    }
  }

  @Test
  void aNotificationReachesTheUsersSocketsOnEveryNode() {
    try (WsClient onA = cluster.connect(A, "dora");
        WsClient onB = cluster.connect(B, "dora");
        WsClient onC = cluster.connect(C, "dora");
        WsClient other = cluster.connect(C, "eve")) {
      JsonObject r =
          cluster.api(
              B,
              HttpMethod.POST,
              "/users/dora/notifications",
              new JsonObject()
                  .put("event", "command.applied")
                  .put("data", new JsonObject().put("id", 7)));
      assertThat(r.getInteger("status")).isEqualTo(202);
      for (WsClient tab : List.of(onA, onB, onC)) {
        JsonObject n = tab.skipTo("notification");
        assertThat(n.getString("event")).isEqualTo("command.applied");
        assertThat(n.getJsonObject("data").getInteger("id")).isEqualTo(7);
      }
      other.send(new JsonObject().put("type", "ping").put("id", 1));
      assertThat(other.skipTo("pong").getInteger("id")).isEqualTo(1);
      assertThat(other.pending()).isZero();
    }
  }

  @Test
  void aClientThatMovesToAnotherNodeRecoversWithSince() {
    try (WsClient publisher = cluster.connect(B, "pub")) {
      String epoch;
      long seen;
      try (WsClient onA = cluster.connect(A, "frank")) {
        epoch = onA.join("chat:move").getJsonObject("data").getString("epoch");
        publisher.publish("chat:move", 1, 1);
        seen = onA.skipTo("event").getLong("offset");
      }
      for (int i = 2; i <= 4; i++) {
        publisher.publish("chat:move", i, i);
        publisher.skipTo("ack");
      }
      try (WsClient onC = cluster.connect(C, "frank")) {
        onC.sendJoin("chat:move", epoch, seen);
        JsonObject data = onC.skipTo("joined").getJsonObject("data");
        assertThat(data.getBoolean("recovered")).isTrue();
        assertThat(data.getJsonArray("history").stream().map(o -> ((JsonObject) o).getLong("data")))
            .containsExactly(2L, 3L, 4L);
        publisher.publish("chat:move", 5, 5);
        assertThat(onC.skipTo("event").getLong("offset")).isEqualTo(5L);
      }
    }
  }

  @Test
  void backendDeliveriesThroughRabbitMqReachEveryNodeInOrderAndPoisonIsDeadLettered()
      throws Exception {
    int count = 300;
    try (WsClient onA = cluster.connect(A, "ivy");
        WsClient onC = cluster.connect(C, "jack");
        var conn = Cluster.rabbit();
        var ch = conn.createChannel()) {
      onA.join("chat:deliveries");
      onC.join("chat:deliveries");
      for (int i = 1; i <= count; i++) {
        if (i == count / 2) { // not JSON: Undeliverable, dead-lettered at once, order kept
          ch.basicPublish(
              cluster.deliveries,
              "orders.poison",
              new AMQP.BasicProperties.Builder()
                  .headers(Map.of("room", "chat:deliveries", "event", "order.updated"))
                  .deliveryMode(2)
                  .build(),
              "not json".getBytes(StandardCharsets.UTF_8));
        }
        ch.basicPublish(
            cluster.deliveries,
            "orders.updated",
            new AMQP.BasicProperties.Builder()
                .headers(Map.of("room", "chat:deliveries"))
                .deliveryMode(2)
                .build(),
            new JsonObject().put("event", "order.updated").put("data", i).toBuffer().getBytes());
      }
      for (WsClient c : List.of(onA, onC)) {
        for (long i = 1; i <= count; i++) {
          JsonObject e = c.skipTo("event");
          assertThat(e.getLong("offset")).isEqualTo(i);
          assertThat(e.getLong("data"))
              .as("delivered in the queue's order across three consumers")
              .isEqualTo(i);
          assertThat(e.getString("event")).isEqualTo("order.updated");
          assertThat(e.getValue("from")).isNull();
        }
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> ch.messageCount(cluster.deliveries + ".dlq") == 1);
      GetResponse dead = ch.basicGet(cluster.deliveries + ".dlq", true);
      assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("not json");
    }
  }

  @Test
  void nodesDeclareTheirTopologyAtStart() throws Exception {
    try (var conn = Cluster.rabbit();
        var ch = conn.createChannel()) {
      ch.exchangeDeclarePassive(cluster.feedExchange); // forwarded to, nothing published yet
      ch.exchangeDeclarePassive(cluster.deliveries);
      ch.queueDeclarePassive(cluster.deliveries);
      ch.queueDeclarePassive(cluster.deliveries + ".dlq");
    }
  }

  @Test
  void everyNodeExportsTheGaugeOfItsRedisPipelineBound() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(cluster.node(i).metrics().lines())
          .as("node %d", i)
          .anyMatch(l -> l.startsWith("switchboard_redis_pipeline_waiting "));
    }
  }

  @Test
  void aNodeStoppedGracefullyTakesItsMembersOutOfPresenceAtOnce() {
    // a presence TTL of a minute: only the node's own leaves can clear its members this fast
    NodeProcess e =
        cluster.addNode("node-e", Map.of("SWITCHBOARD_ENGINE_REDIS_PRESENCE_TTL", "60s"));
    try (WsClient stays = cluster.connect(A, "kate")) {
      stays.join("chat:graceful");
      WsClient leaving = cluster.connect(cluster.nodes.indexOf(e), "liam");
      leaving.join("chat:graceful");
      assertThat(stays.skipTo("presence").getJsonObject("data").getString("user"))
          .isEqualTo("liam");
      e.close(); // SIGTERM: 1012 to its clients, they leave, then the engine closes
      JsonObject left = stays.skipTo("presence").getJsonObject("data");
      assertThat(left.getString("action")).isEqualTo("leave");
      assertThat(left.getString("user")).isEqualTo("liam");
      assertThat(cluster.presence(B, "chat:graceful")).containsExactly("kate");
      assertThat(leaving.received())
          .anyMatch(
              f ->
                  "(closed)".equals(f.getString("type"))
                      && Integer.valueOf(1012).equals(f.getInteger("code")));
      assertThat(e.logTail()).doesNotContain("RejectedExecutionException");
      leaving.close();
    } finally {
      cluster.nodes.remove(e);
    }
  }

  @Test
  void aKilledNodesMembersLeavePresenceWithinTheConfiguredTtl() {
    NodeProcess d = cluster.addNode("node-d");
    try (WsClient stays = cluster.connect(A, "gina")) {
      stays.join("chat:crash");
      WsClient doomed = cluster.connect(cluster.nodes.indexOf(d), "hank");
      doomed.join("chat:crash");
      assertThat(cluster.presence(B, "chat:crash")).containsExactlyInAnyOrder("gina", "hank");
      assertThat(stays.skipTo("presence").getJsonObject("data").getString("user"))
          .isEqualTo("hank");
      d.kill(); // SIGKILL: no leave, no cleanup
      long killedAt = System.nanoTime();
      Awaitility.await()
          .atMost(Duration.ofSeconds(3 + 2))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> cluster.presence(B, "chat:crash").equals(List.of("gina")));
      long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
      assertThat(tookMs).as("presence TTL is " + Cluster.PRESENCE_TTL).isLessThanOrEqualTo(5_000);
      // a surviving node with members in the room swept hank's entry and broadcast his leave
      JsonObject left = stays.skipTo("presence").getJsonObject("data");
      assertThat(left.getString("action")).isEqualTo("leave");
      assertThat(left.getString("user")).isEqualTo("hank");
      System.out.printf(
          "killed node: presence without its member after %d ms (TTL %s)%n",
          tookMs, Cluster.PRESENCE_TTL);
      doomed.close();
    } finally {
      cluster.nodes.remove(d);
      d.kill();
    }
  }
}
