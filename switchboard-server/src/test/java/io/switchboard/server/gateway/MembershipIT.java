package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.Ports;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.core.memory.MemoryLocks;
import io.switchboard.core.memory.MemoryPresenceStore;
import io.switchboard.core.memory.MemoryRateLimits;
import io.switchboard.core.memory.MemoryRegistry;
import io.switchboard.core.memory.MemoryRoomHistory;
import io.switchboard.core.memory.MemorySnapshotStore;
import io.switchboard.core.memory.MemoryStore;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memberships are released by membership, not by connection (issue 7, the security and reliability
 * review): a subscribe that failed during a pub/sub outage takes no reference, so its cleanup must
 * not drop another member's; a join, leave and join back to back ends joined; a re-join while the
 * first join is in flight answers the position that join reached, not 0. The pub/sub double fails
 * or holds subscribes the way the Redis engine does when its connection is down or slow.
 */
class MembershipIT {
  private ControlledPubSub pubSub;
  private TestNode node;
  private String room;

  @BeforeEach
  void start() {
    pubSub = new ControlledPubSub();
    node =
        TestNode.start(
            new Ports(
                pubSub,
                new MemoryRoomHistory(pubSub),
                new MemoryPresenceStore(),
                new MemorySnapshotStore(),
                new MemoryLocks(),
                new MemoryRegistry(),
                new MemoryRateLimits(),
                new MemoryBroker(),
                new MemoryStore(),
                List.of()),
            c -> c);
    room = "chat:" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void aJoinThatFailsDuringAnOutageDoesNotDropAnotherMembersSubscription() {
    try (TestClient alice = node.connect("alice");
        TestClient bob = node.connect("bob");
        TestClient carol = node.connect("carol")) {
      alice.join(room);
      pubSub.down(true);
      bob.send(new JsonObject().put("type", "join").put("id", 1).put("room", room));
      assertThat(bob.skipTo("error").getString("code")).isEqualTo("unavailable");
      pubSub.down(false);
      bob.assertAlive();
      assertThat(pubSub.subscriptions(room))
          .as("alice's reference survives bob's failed join")
          .isEqualTo(1);
      long offset = carol.publish(room, "after", 1).getLong("offset");
      assertThat(alice.skipTo("event").getLong("offset")).isEqualTo(offset);
    }
  }

  @Test
  void aTabThatFailsToSubscribeItsUserChannelDoesNotDropTheOtherTabs() {
    try (TestClient first = node.connect("alice")) {
      pubSub.down(true);
      try (TestClient second =
          TestClient.connect(node.vertx, node.port(), "/ws?token=" + node.token("alice"))) {
        assertThat(second.awaitClose()).isEqualTo(CloseCode.UNAVAILABLE.code());
      }
      pubSub.down(false);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> node.server.gateway().connectionCount() == 1);
      assertThat(pubSub.subscriptions("user:alice")).isEqualTo(1);
      TestNode.await(node.server.gateway().notify("alice", "still.here", "1"));
      assertThat(first.skipTo("notification").getString("event")).isEqualTo("still.here");
    }
  }

  @Test
  void joinLeaveJoinBackToBackEndsJoined() {
    try (TestClient alice = node.connect("alice");
        TestClient carol = node.connect("carol")) {
      pubSub.hold();
      alice
          .send(join(1))
          .send(new JsonObject().put("type", "leave").put("id", 2).put("room", room))
          .send(join(3));
      assertThat(alice.skipTo("left").getInteger("id")).isEqualTo(2);
      alice.assertAlive(); // the second join is in too
      pubSub.release();
      Map<Integer, JsonObject> replies = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        JsonObject reply = alice.next();
        replies.put(reply.getInteger("id"), reply);
      }
      assertThat(replies.get(1).getString("type")).isEqualTo("error");
      assertThat(replies.get(1).getString("code")).isEqualTo("cancelled");
      assertThat(replies.get(3).getString("type")).isEqualTo("joined");
      long offset = carol.publish(room, "live", 1).getLong("offset");
      assertThat(alice.skipTo("event").getLong("offset")).isEqualTo(offset);
      assertThat(pubSub.subscriptions(room)).isEqualTo(1);
      assertThat(TestNode.await(node.ports.presence().count(room))).isEqualTo(1);
    }
  }

  @Test
  void aRejoinWhileTheFirstJoinIsInFlightAnswersThePositionItReached() {
    try (TestClient alice = node.connect("alice");
        TestClient carol = node.connect("carol")) {
      pubSub.hold();
      alice.send(join(1)).send(join(2));
      for (int i = 0; i < 3; i++) {
        carol.publish(room, "before", i);
      }
      alice.assertAlive();
      pubSub.release();
      JsonObject first = alice.skipTo("joined");
      assertThat(first.getInteger("id")).isEqualTo(1);
      assertThat(first.getJsonObject("data").getLong("offset")).isEqualTo(3L);
      JsonObject second = alice.skipTo("joined");
      assertThat(second.getInteger("id")).isEqualTo(2);
      assertThat(second.getJsonObject("data").getLong("offset")).isEqualTo(3L);
      assertThat(second.getJsonObject("data").getBoolean("recovered")).isTrue();
      assertThat(second.getJsonObject("data").getJsonArray("history")).isEmpty();
    }
  }

  private JsonObject join(int id) {
    return new JsonObject().put("type", "join").put("id", id).put("room", room);
  }
}
