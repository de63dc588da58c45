package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code client.writeCoalescing} (issue 13): whether publications leave at the end of the
 * event-loop pass with the connection's other frames (on) or are flushed one by one (off), every
 * member receives every publication once, in offset order, each a whole frame.
 */
class WriteCoalescingIT {
  @ParameterizedTest(name = "writeCoalescing={0}")
  @ValueSource(booleans = {true, false})
  void aBurstOfPublicationsReachesEveryMemberOnceInOrder(boolean coalescing) {
    try (TestNode node =
            TestNode.start(c -> c.withClient(c.client().withWriteCoalescing(coalescing)));
        TestClient a = node.connect("alice");
        TestClient b = node.connect("bob");
        TestClient c = node.connect("carol")) {
      for (TestClient t : new TestClient[] {a, b, c}) {
        t.join("chat:burst");
      }
      int n = 150; // within the default burst of 200 frames
      for (int i = 0; i < n; i++) { // not waiting for acks: the node sees a burst
        a.send(
            new JsonObject()
                .put("type", "publish")
                .put("id", "p" + i)
                .put("room", "chat:burst")
                .put("event", "msg")
                .put("data", new JsonObject().put("n", i)));
      }
      for (TestClient t : new TestClient[] {a, b, c}) {
        long previous = 0;
        for (int i = 0; i < n; i++) {
          JsonObject e = t.skipTo("event");
          assertThat(e.getJsonObject("data").getInteger("n")).as("publication " + i).isEqualTo(i);
          assertThat(e.getLong("offset")).isGreaterThan(previous);
          previous = e.getLong("offset");
        }
      }
    }
  }
}
