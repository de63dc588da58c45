package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.Ports;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.core.memory.MemoryLocks;
import io.switchboard.core.memory.MemoryPresenceStore;
import io.switchboard.core.memory.MemoryPubSub;
import io.switchboard.core.memory.MemoryRateLimits;
import io.switchboard.core.memory.MemoryRegistry;
import io.switchboard.core.memory.MemoryRoomHistory;
import io.switchboard.core.memory.MemorySnapshotStore;
import io.switchboard.core.memory.MemoryStore;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that misses publications on its pub/sub (issue 3: Redis restarts, pub/sub reconnects)
 * never leaves a client silently behind: members get the missed events from the history, or a fresh
 * {@code joined} with {@code recovered: false} when the history no longer has them.
 */
class ResyncIT {
  private LossyPubSub pubSub;
  private TestNode node;

  @BeforeEach
  void start() {
    pubSub = new LossyPubSub(new MemoryPubSub());
    Ports ports =
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
            List.of());
    node = TestNode.start(ports, c -> c);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private static void publish(TestClient c, String room, int from, int to) {
    for (int i = from; i <= to; i++) {
      c.publish(room, "msg", i);
    }
  }

  private static void expectEvents(TestClient c, long from, long to) {
    for (long offset = from; offset <= to; offset++) {
      JsonObject e = c.next();
      assertThat(e.getString("type")).as("frame %s", e).isEqualTo("event");
      assertThat(e.getLong("offset")).isEqualTo(offset);
      assertThat(e.getLong("data")).isEqualTo(offset);
    }
  }

  @Test
  void publicationsLostOnPubSubAreSentFromHistoryWhenTheNextOneShowsTheGap() {
    try (TestClient publisher = node.connect("alice");
        TestClient member = node.connect("bob")) {
      member.join("chat:gap");
      publish(publisher, "chat:gap", 1, 3);
      expectEvents(member, 1, 3);
      pubSub.drop();
      publish(publisher, "chat:gap", 4, 6);
      pubSub.heal();
      publish(publisher, "chat:gap", 7, 8);
      expectEvents(member, 4, 8);
      assertThat(PressureIT.metric(node, "switchboard_room_resyncs_total{recovered=\"true\"}"))
          .isEqualTo(1.0);
      assertThat(member.pending()).isZero();
    }
  }

  @Test
  void anInterruptedChannelSendsWhatWasMissedEvenWithoutAnotherPublication() {
    try (TestClient publisher = node.connect("alice");
        TestClient member = node.connect("bob")) {
      member.join("chat:quiet");
      publish(publisher, "chat:quiet", 1, 2);
      expectEvents(member, 1, 2);
      pubSub.drop();
      publish(publisher, "chat:quiet", 3, 5);
      pubSub.restore();
      expectEvents(member, 3, 5);
      publish(publisher, "chat:quiet", 6, 6);
      expectEvents(member, 6, 6);
    }
  }

  @Test
  void whenTheHistoryNoLongerHasTheMissedEventsTheMemberIsToldRecoveredFalse() {
    try (TestClient publisher = node.connect("alice");
        TestClient member = node.connect("bob")) {
      String epoch = member.join("chat:trimmed").getJsonObject("data").getString("epoch");
      publish(publisher, "chat:trimmed", 1, 1);
      expectEvents(member, 1, 1);
      pubSub.drop();
      publish(publisher, "chat:trimmed", 2, 16); // the chat namespace keeps the newest 10
      pubSub.restore();
      JsonObject joined = member.next();
      assertThat(joined.getString("type")).isEqualTo("joined");
      assertThat(joined.containsKey("id")).isFalse();
      JsonObject data = joined.getJsonObject("data");
      assertThat(data.getBoolean("recovered")).isFalse();
      assertThat(data.getString("epoch")).isEqualTo(epoch);
      assertThat(data.getLong("offset")).isEqualTo(16L);
      assertThat(data.getJsonArray("history").getJsonObject(0).getLong("offset")).isEqualTo(7L);
      publish(publisher, "chat:trimmed", 17, 17);
      expectEvents(member, 17, 17);
      assertThat(PressureIT.metric(node, "switchboard_room_resyncs_total{recovered=\"false\"}"))
          .isEqualTo(1.0);
    }
  }
}
