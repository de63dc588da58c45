package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC C1 recovery with {@code since}: only what was missed, or the truth ({@code recovered:
 * false}).
 */
class RecoveryIT {
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonObject joinSince(TestClient c, String room, String epoch, long offset) {
    c.send(
        new JsonObject()
            .put("type", "join")
            .put("id", 1)
            .put("room", room)
            .put("since", new JsonObject().put("epoch", epoch).put("offset", offset)));
    return c.skipTo("joined").getJsonObject("data");
  }

  @Test
  void reconnectWithSinceGetsExactlyTheMissedPublications() {
    try (TestClient publisher = node.connect("alice")) {
      TestClient away = node.connect("bob");
      JsonObject joined = away.join("chat:recover").getJsonObject("data");
      publisher.publish("chat:recover", "msg", 1);
      long seen = away.skipTo("event").getLong("offset");
      away.close();
      for (int i = 2; i <= 4; i++) {
        publisher.publish("chat:recover", "msg", i);
      }
      try (TestClient back = node.connect("bob")) {
        JsonObject data = joinSince(back, "chat:recover", joined.getString("epoch"), seen);
        assertThat(data.getBoolean("recovered")).isTrue();
        assertThat(data.getValue("snapshot")).isNull();
        JsonArray history = data.getJsonArray("history");
        assertThat(history.stream().map(o -> ((JsonObject) o).getLong("offset")))
            .containsExactly(2L, 3L, 4L);
        assertThat(history.stream().map(o -> ((JsonObject) o).getInteger("data")))
            .containsExactly(2, 3, 4);
        assertThat(data.getLong("offset")).isEqualTo(4L);
        publisher.publish("chat:recover", "msg", 5);
        assertThat(back.skipTo("event").getLong("offset")).isEqualTo(5L);
      }
    }
  }

  @Test
  void anotherEpochIsNotRecoveredAndGetsSnapshotAndHistory() {
    try (TestClient publisher = node.connect("alice")) {
      publisher.publish("board:epoch", "board.update", new JsonObject().put("v", 1));
      publisher.publish("board:epoch", "card.add", new JsonObject().put("id", 9));
      try (TestClient back = node.connect("bob")) {
        JsonObject data = joinSince(back, "board:epoch", "an-epoch-that-was-lost", 1);
        assertThat(data.getBoolean("recovered")).isFalse();
        assertThat(data.getJsonObject("snapshot").getJsonObject("data").getInteger("v"))
            .isEqualTo(1);
        assertThat(data.getJsonArray("history")).hasSize(1);
        assertThat(data.getJsonArray("history").getJsonObject(0).getString("event"))
            .isEqualTo("card.add");
      }
    }
  }

  @Test
  void historyThatNoLongerReachesBackIsNotRecovered() {
    try (TestClient publisher = node.connect("alice")) {
      JsonObject first = publisher.join("chat:trimmed").getJsonObject("data");
      for (int i = 1; i <= 15; i++) {
        publisher.publish("chat:trimmed", "msg", i);
      }
      try (TestClient back = node.connect("bob")) {
        JsonObject data = joinSince(back, "chat:trimmed", first.getString("epoch"), 1);
        assertThat(data.getBoolean("recovered")).isFalse();
        JsonArray history = data.getJsonArray("history");
        assertThat(history).hasSize(10);
        assertThat(history.getJsonObject(0).getLong("offset")).isEqualTo(6L);
        assertThat(data.getLong("offset")).isEqualTo(15L);
      }
    }
  }

  @Test
  void sinceAheadOfTheStreamIsNotRecovered() {
    try (TestClient c = node.connect("alice")) {
      JsonObject first = c.join("chat:ahead").getJsonObject("data");
      try (TestClient back = node.connect("bob")) {
        JsonObject data = joinSince(back, "chat:ahead", first.getString("epoch"), 99);
        assertThat(data.getBoolean("recovered")).isFalse();
      }
    }
  }

  @Test
  void malformedSinceIsABadRequest() {
    try (TestClient c = node.connect("alice")) {
      c.send(
          new JsonObject()
              .put("type", "join")
              .put("id", 3)
              .put("room", "chat:x")
              .put("since", new JsonObject().put("offset", -1)));
      JsonObject error = c.skipTo("error");
      assertThat(error.getString("code")).isEqualTo("bad_request");
      assertThat(error.getInteger("id")).isEqualTo(3);
    }
  }
}
