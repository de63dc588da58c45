package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Watch sockets ({@link WatchMode}: a capability's own frames on {@code /ws}, SPEC C3's {@code
 * /ws?workflow_id=}) and room guards ({@link RoomGuard}), through a test capability: things {@code
 * t1} (alice's) and {@code t2} (bob's) are watched as rooms {@code news:thing-<id>}; {@code chat}
 * rooms {@code chat:<user>-…} are guarded so that only that user joins them.
 */
class WatchSocketIT {
  private static final Set<String> ALICE = Set.of("t1");
  private static TestNode node;
  private static CapabilityContext context;

  /** The watch mode under test: parameter {@code thing_id}. */
  static final class Things implements WatchMode {
    @Override
    public String parameter() {
      return "thing_id";
    }

    @Override
    public Future<String> room(Principal principal, String value) {
      if (!"t1".equals(value) && !"t2".equals(value)) {
        return Future.failedFuture(new RequestException(ErrorCode.NOT_FOUND, "no thing " + value));
      }
      if (!"alice".equals(principal.user()) || !ALICE.contains(value)) {
        return Future.failedFuture(new RequestException(ErrorCode.NOT_FOUND, "no thing " + value));
      }
      return Future.succeededFuture("news:thing-" + value);
    }

    @Override
    public Future<byte[]> firstFrame(Principal principal, String value) {
      return Future.succeededFuture(
          new JsonObject()
              .put("type", "state")
              .put("thing_id", value)
              .encode()
              .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] refusal(String value, RequestException e) {
      return new JsonObject()
          .put("type", "error")
          .put("thing_id", value)
          .put("code", e.code().wire())
          .put("message", e.getMessage())
          .encode()
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  @BeforeAll
  static void start() {
    Capability things =
        new Capability() {
          @Override
          public Future<Void> start(CapabilityContext ctx) {
            context = ctx;
            ctx.gateway().watch(new Things());
            ctx.gateway()
                .guard(
                    "chat",
                    (principal, room) ->
                        room.startsWith("chat:" + principal.user() + "-")
                            ? Future.succeededFuture()
                            : Future.failedFuture(
                                new RequestException(ErrorCode.FORBIDDEN, "not your room")));
            return Future.succeededFuture();
          }

          @Override
          public Future<Void> stop() {
            return Future.succeededFuture();
          }
        };
    node = TestNode.start(MemoryEngine.ports(), c -> c, List.of(things));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void publish(String room, String event, JsonObject data) {
    TestNode.await(
        context
            .publisher()
            .publish(
                room,
                node.config.namespaces().get("news"),
                new PublicationDraft(event, data.encode(), null)));
  }

  private TestClient watch(String user, String thing) {
    return TestClient.connect(
        node.vertx, node.port(), "/ws?thing_id=" + thing + "&token=" + node.token(user));
  }

  @Test
  void aWatchSocketGetsTheFirstFrameThenEachPublicationsDataAlone() {
    try (TestClient w = watch("alice", "t1")) {
      assertThat(w.next()).isEqualTo(new JsonObject().put("type", "state").put("thing_id", "t1"));
      publish("news:thing-t1", "changed", new JsonObject().put("type", "step").put("n", 1));
      publish("news:thing-t1", "changed", new JsonObject().put("type", "step").put("n", 2));
      assertThat(w.next()).isEqualTo(new JsonObject().put("type", "step").put("n", 1));
      assertThat(w.next()).isEqualTo(new JsonObject().put("type", "step").put("n", 2));
    }
  }

  @Test
  void whatAWatchSocketSendsIsIgnoredAndAnsweredWithNothing() {
    try (TestClient w = watch("alice", "t1")) {
      w.expect("state");
      w.sendText("not json at all").send(new JsonObject().put("type", "join").put("room", "x:y"));
      w.send(new JsonObject().put("type", "ping").put("id", 1));
      publish("news:thing-t1", "changed", new JsonObject().put("type", "after"));
      // the first frame after the state is the publication: no error or pong was sent back
      assertThat(w.next()).isEqualTo(new JsonObject().put("type", "after"));
      assertThat(w.pending()).isZero();
    }
  }

  /**
   * Read with a raw socket: the refusal frame and the close can arrive with the 101 response, and
   * Vert.x's client then fails its connect and drops them (failed CI once).
   */
  @Test
  void anUnknownOrSomeoneElsesThingIsRefusedWithTheModesFrameAndClose1008() {
    for (String thing : new String[] {"t9", "t2"}) {
      try (RawWebSocket w =
          RawWebSocket.connect(node, "/ws?thing_id=" + thing + "&token=" + node.token("alice"))) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> !w.texts.isEmpty() && w.closeCode != null);
        JsonObject refusal = new JsonObject(w.texts.get(0));
        assertThat(refusal.getString("type")).isEqualTo("error");
        assertThat(refusal.getString("code")).isEqualTo("not_found");
        assertThat(refusal.getString("thing_id")).isEqualTo(thing);
        assertThat(w.closeCode).isEqualTo(1008);
      }
    }
  }

  @Test
  void aWatchSocketWithoutAValidTokenIsRefusedLikeAnyOther() {
    try (RawWebSocket w =
        RawWebSocket.connect(node, "/ws?thing_id=t1&token=" + node.forgedToken("alice"))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !w.texts.isEmpty() && w.closeCode != null);
      assertThat(new JsonObject(w.texts.get(0)).getString("code")).isEqualTo("unauthorized");
      assertThat(w.closeCode).isEqualTo(4001);
    }
  }

  @Test
  void withoutTheParameterTheSocketSpeaksTheNativeProtocol() {
    try (TestClient c = node.connect("alice")) {
      JsonObject joined = c.join("news:thing-t1");
      assertThat(joined.getString("type")).isEqualTo("joined");
    }
  }

  @Test
  void aGuardedNamespaceLetsInOnlyWhomItsGuardAllows() {
    try (TestClient c = node.connect("alice")) {
      assertThat(c.join("chat:alice-1").getString("type")).isEqualTo("joined");
      c.send(new JsonObject().put("type", "join").put("id", 7).put("room", "chat:bob-1"));
      JsonObject error = c.expect("error");
      assertThat(error.getString("code")).isEqualTo("forbidden");
      assertThat(error.getInteger("id")).isEqualTo(7);
      assertThat(error.getString("message")).isEqualTo("not your room");
    }
  }
}
