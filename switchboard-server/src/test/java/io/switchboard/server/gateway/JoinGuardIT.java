package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A capability's join guard (SPEC C3: only a workflow's owner joins {@code workflow:<id>}): asked
 * after the namespace's access passed, it lets the join go on, refuses it with {@code forbidden},
 * or, when it fails, answers {@code unavailable}; namespaces without a guard are not asked.
 */
class JoinGuardIT {
  private TestNode node;
  private final AtomicInteger asked = new AtomicInteger();

  @BeforeEach
  void start() {
    node = TestNode.start();
    node.server
        .gateway()
        .guardJoins(
            "chat",
            (principal, room) -> {
              asked.incrementAndGet();
              return switch (room) {
                case "chat:broken" -> Future.failedFuture(new IllegalStateException("down"));
                case "chat:thrown" -> throw new IllegalStateException("bug");
                default -> Future.succeededFuture(room.equals("chat:" + principal.user()));
              };
            });
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private static JsonObject join(TestClient c, String room) {
    c.send(new JsonObject().put("type", "join").put("id", room).put("room", room));
    JsonObject f = c.next();
    while (!f.getString("type").equals("joined") && !f.getString("type").equals("error")) {
      f = c.next();
    }
    return f;
  }

  @Test
  void theGuardDecidesAfterTheAccessCheck() {
    try (TestClient ann = node.connect("ann")) {
      assertThat(join(ann, "chat:ann").getString("type")).isEqualTo("joined");
      JsonObject refused = join(ann, "chat:bob");
      assertThat(refused.getString("code")).isEqualTo("forbidden");
      assertThat(refused.getString("id")).isEqualTo("chat:bob");
      assertThat(join(ann, "chat:broken").getString("code")).isEqualTo("unavailable");
      assertThat(join(ann, "chat:thrown").getString("code")).isEqualTo("unavailable");
      assertThat(asked.get()).isEqualTo(4);
      // another namespace is not guarded
      assertThat(join(ann, "board:x").getString("type")).isEqualTo("joined");
      assertThat(asked.get()).isEqualTo(4);
      ann.assertAlive();
    }
  }
}
