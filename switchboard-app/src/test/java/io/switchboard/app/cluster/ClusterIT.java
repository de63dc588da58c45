package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.engine.Engines;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.AuthConfig;
import io.switchboard.server.config.EngineConfig;
import io.switchboard.server.config.RabbitConfig;
import io.switchboard.server.config.RedisConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway nodes sharing the real Redis, wired from configuration ({@code engine.type:
 * redis}) exactly as {@code switchboard serve} wires them (issue 3 point 5, in one JVM; each node
 * has its own Vert.x, engine connections and port). Events, presence, notifications and recovery
 * cross nodes.
 */
class ClusterIT {
  static final String SECRET = "cluster-secret-0123456789-abcdefghijkl";
  static final String PREFIX = "sbc" + UUID.randomUUID().toString().substring(0, 8);
  static final List<Node> nodes = new ArrayList<>();

  record Node(Vertx vertx, SwitchboardServer server) {}

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  @BeforeAll
  static void startTwoNodes() {
    SwitchboardConfig d = SwitchboardConfig.DEFAULT;
    EngineConfig engine = new EngineConfig("redis", "memory",
        new RedisConfig("redis://127.0.0.1:6379", PREFIX, Duration.ofSeconds(10)), RabbitConfig.DEFAULT);
    for (String id : List.of("node-a", "node-b")) {
      SwitchboardConfig c = d.withNode(new io.switchboard.server.config.NodeConfig(id))
          .withServer(d.server().withPort(0))
          .withAuth(new AuthConfig("HS256", SECRET, "", "", Duration.ofHours(1), "", "", false))
          .withEngine(engine);
      Vertx vertx = Vertx.vertx();
      SwitchboardServer server = await(Engines.create(vertx, engine).compose(e -> SwitchboardServer.start(vertx, c, e)));
      nodes.add(new Node(vertx, server));
    }
  }

  @AfterAll
  static void stopAndDeleteKeys() {
    for (Node n : nodes) {
      await(n.server().stop());
      await(n.vertx().close());
    }
    Vertx vertx = Vertx.vertx();
    try {
      var redis = await(Redis.createClient(vertx, "redis://127.0.0.1:6379").connect());
      String cursor = "0";
      do {
        Response r = await(redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(PREFIX + "*")
            .arg("COUNT").arg(1000)));
        cursor = r.get(0).toString();
        for (Response key : r.get(1)) {
          await(redis.send(Request.cmd(Command.DEL).arg(key.toString())));
        }
      } while (!cursor.equals("0"));
    } finally {
      await(vertx.close());
    }
  }

  static WsClient connect(int node, String user) {
    Node n = nodes.get(node);
    JWTAuth jwt = JWTAuth.create(n.vertx(), new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
    String token = jwt.generateToken(new JsonObject().put("sub", user), new JWTOptions().setExpiresInSeconds(600));
    WsClient c = WsClient.connect(n.vertx(), n.server().port(), token);
    assertThat(c.skipTo("welcome").getJsonObject("data").getString("node")).isEqualTo(n.server().node());
    return c;
  }

  @Test
  void eventsPublishedOnOneNodeReachTheOtherInOffsetOrderWithClusterWidePresence() {
    try (WsClient a = connect(0, "alice"); WsClient b = connect(1, "bob")) {
      a.join("chat:cluster");
      JsonObject joinedB = b.join("chat:cluster");
      assertThat(joinedB.getJsonObject("data").getJsonArray("presence").stream()
          .map(o -> ((JsonObject) o).getString("user"))).containsExactlyInAnyOrder("alice", "bob");
      JsonObject presence = a.skipTo("presence").getJsonObject("data");
      assertThat(presence.getString("action")).isEqualTo("join");
      assertThat(presence.getString("user")).isEqualTo("bob");
      for (int i = 1; i <= 50; i++) {
        b.send(new JsonObject().put("type", "publish").put("room", "chat:cluster").put("event", "msg").put("data", i));
      }
      for (long offset = 1; offset <= 50; offset++) {
        JsonObject e = a.skipTo("event");
        assertThat(e.getLong("offset")).isEqualTo(offset);
        assertThat(e.getInteger("data")).isEqualTo((int) offset);
        assertThat(e.getString("from")).isEqualTo("bob");
      }
    }
  }

  @Test
  void aNotificationReachesTheUsersTabsOnEveryNode() {
    try (WsClient tabA = connect(0, "carol"); WsClient tabB = connect(1, "carol"); WsClient other = connect(0, "dave")) {
      // welcome is sent once each node receives carol's channel, so the notification cannot be missed
      await(nodes.get(1).server().gateway().notify("carol", "command.applied", "{\"id\":7}"));
      assertThat(tabA.skipTo("notification").getJsonObject("data").getInteger("id")).isEqualTo(7);
      assertThat(tabB.skipTo("notification").getJsonObject("data").getInteger("id")).isEqualTo(7);
      other.send(new JsonObject().put("type", "ping").put("id", 1));
      assertThat(other.skipTo("pong").getInteger("id")).isEqualTo(1);
      assertThat(other.pending()).isZero();
    }
  }

  @Test
  void aClientThatMovesToAnotherNodeRecoversWithSince() {
    String epoch;
    long seen;
    try (WsClient publisher = connect(1, "erin")) {
      try (WsClient a = connect(0, "frank")) {
        epoch = a.join("chat:move").getJsonObject("data").getString("epoch");
        publisher.send(new JsonObject().put("type", "publish").put("room", "chat:move").put("event", "m").put("data", 1));
        seen = a.skipTo("event").getLong("offset");
      }
      for (int i = 2; i <= 4; i++) {
        publisher.send(new JsonObject().put("type", "publish").put("id", i).put("room", "chat:move")
            .put("event", "m").put("data", i));
        publisher.skipTo("ack");
      }
      try (WsClient moved = connect(1, "frank")) {
        moved.send(new JsonObject().put("type", "join").put("room", "chat:move")
            .put("since", new JsonObject().put("epoch", epoch).put("offset", seen)));
        JsonObject data = moved.skipTo("joined").getJsonObject("data");
        assertThat(data.getBoolean("recovered")).isTrue();
        assertThat(data.getJsonArray("history").stream().map(o -> ((JsonObject) o).getLong("offset")))
            .containsExactly(2L, 3L, 4L);
      }
    }
  }
}
