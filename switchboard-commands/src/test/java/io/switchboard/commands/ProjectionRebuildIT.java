package io.switchboard.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.commands.board.Board;
import io.switchboard.commands.board.BoardDomain;
import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.testing.CommandsNode;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.config.CommandsConfig;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A projection rebuilt from the event store without stopping the service (SPEC C2; issue 8 point
 * 5): commands keep coming during the rebuild; afterwards the active version equals the fold of
 * every stream, and the old version is dropped. Runs on the memory store and on the real PostgreSQL
 * store ({@link StorePorts}), whose global order is read below the snapshot's xmin.
 */
class ProjectionRebuildIT {
  static final int BOARDS = 5;
  static final int CARDS = 40;

  @ParameterizedTest(name = "{0} store")
  @ValueSource(strings = {"memory", "postgres"})
  void aRebuildWhileCommandsKeepComingEqualsTheLiveProjection(String store) throws Exception {
    try (StorePorts scratch = StorePorts.of(store);
        CommandsNode node =
            CommandsNode.start(
                scratch.ports,
                BoardDomain.register(new Domain()),
                c ->
                    new CommandsConfig(
                        true,
                        4,
                        8,
                        Duration.ofMillis(2),
                        10_000,
                        20,
                        Duration.ofSeconds(1),
                        "switchboard.commands",
                        "switchboard.events"))) {
      List<String> boards = new ArrayList<>();
      for (int b = 0; b < BOARDS; b++) {
        boards.add(node.createBoard("ann", "Board " + b));
      }
      List<Future<HttpResponse<Buffer>>> seed = new ArrayList<>();
      for (int i = 0; i < BOARDS * CARDS; i++) {
        seed.add(post(node, "card.add", card(boards.get(i % BOARDS), "seed " + i)));
      }
      TestNode.await(Future.all(seed));

      List<String> live = new CopyOnWriteArrayList<>();
      AtomicBoolean going = new AtomicBoolean(true);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; going.get() && i < 5000; i++) {
                  live.add(
                      node.accepted("ann", "card.add", card(boards.get(i % BOARDS), "live " + i)));
                }
              });

      await().until(() -> live.size() >= 10);
      HttpResponse<Buffer> started =
          node.backend(
              HttpMethod.POST, "/api/v1/projections/boards/rebuild", null, TestNode.API_KEY);
      assertThat(started.statusCode()).isEqualTo(202);
      assertThat(started.bodyAsJsonObject().getInteger("version")).isEqualTo(2);
      HttpResponse<Buffer> again =
          node.backend(
              HttpMethod.POST, "/api/v1/projections/boards/rebuild", null, TestNode.API_KEY);
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("rebuild_running");

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                JsonObject s = state(node);
                return s.getInteger("active") == 2 && !s.containsKey("building");
              });
      int atSwitch = live.size();
      await().atMost(Duration.ofSeconds(10)).until(() -> live.size() >= atSwitch + 20);
      going.set(false);
      writer.get();
      for (String id : live) {
        assertThat(node.handled("ann", id).getString("status")).isEqualTo("applied");
      }

      for (String boardId : boards) {
        List<RecordedEvent> stream =
            TestNode.await(node.store().readStream("board-" + boardId, 0, 100_000));
        Board folded = Board.NONE;
        for (RecordedEvent e : stream) {
          folded = folded.apply(e.type(), new JsonObject(e.data()));
        }
        assertThat(node.board("ann", boardId)).isEqualTo(folded.toJson(stream.size()));
        assertThat(TestNode.await(node.store().get("boards.v2", boardId)).json())
            .isEqualTo(folded.toJson(stream.size()).encode());
      }
      // after the grace the old version is gone
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> TestNode.await(node.store().list("boards.v1", null, 1)).documents().isEmpty());
      assertThat(
              node.backend(
                      HttpMethod.POST, "/api/v1/projections/nope/rebuild", null, TestNode.API_KEY)
                  .statusCode())
          .isEqualTo(404);
      assertThat(
              node.backend(HttpMethod.POST, "/api/v1/projections/boards/rebuild", null, null)
                  .statusCode())
          .isEqualTo(401);
    }
  }

  private static JsonObject state(CommandsNode node) {
    return node.backend(HttpMethod.GET, "/api/v1/projections/boards", null, TestNode.API_KEY)
        .bodyAsJsonObject();
  }

  private static JsonObject card(String boardId, String title) {
    return new JsonObject().put("boardId", boardId).put("title", title).put("column", "todo");
  }

  private static Future<HttpResponse<Buffer>> post(
      CommandsNode node, String type, JsonObject body) {
    return node.http
        .request(HttpMethod.POST, node.node.port(), "127.0.0.1", "/api/v1/commands/" + type)
        .putHeader("Authorization", "Bearer " + node.token("ann"))
        .sendBuffer(Buffer.buffer(body.encode()));
  }
}
