package io.switchboard.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.commands.board.Board;
import io.switchboard.commands.board.BoardDomain;
import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.testing.CommandsNode;
import io.switchboard.commands.testing.RacingStore;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent commands on one aggregate (SPEC C2; issue 8 point 3): no lost update, version
 * conflicts retried. Another writer appends to the board between the handler's read and its commit
 * every third read ({@link RacingStore}), so conflicts are certain, not left to timing. Runs on the
 * memory store and on the real PostgreSQL store ({@link StorePorts}).
 */
class ConcurrentCommandsIT {
  static final int COMMANDS = 120;

  @ParameterizedTest(name = "{0} store")
  @ValueSource(strings = {"memory", "postgres"})
  void concurrentCardsOnOneBoardAreAllThereAndConflictsAreRetried(String store) {
    try (StorePorts scratch = StorePorts.of(store)) {
      RacingStore racing = new RacingStore(scratch.ports.store(), 3);
      run(
          CommandsNode.start(scratch.with(racing), BoardDomain.register(new Domain()), c -> c),
          racing);
    }
  }

  private static void run(CommandsNode started, RacingStore racing) {
    try (CommandsNode node = started) {
      String boardId = node.createBoard("ann", "Busy");
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = 0; i < COMMANDS; i++) {
        JsonObject body =
            new JsonObject()
                .put("boardId", boardId)
                .put("title", "card " + i)
                .put("column", "todo");
        sent.add(
            node.http
                .request(
                    HttpMethod.POST, node.node.port(), "127.0.0.1", "/api/v1/commands/card.add")
                .putHeader("Authorization", "Bearer " + node.token("ann"))
                .sendBuffer(Buffer.buffer(body.encode())));
      }
      TestNode.await(Future.all(sent));
      List<String> ids = sent.stream().map(f -> f.result().getHeader("Command-Id")).toList();
      assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
      for (String id : ids) {
        assertThat(node.handled("ann", id).getString("status")).isEqualTo("applied");
      }
      int races = racing.races.get();
      assertThat(races).isPositive();
      assertThat(node.node.metric("switchboard_command_conflicts_total"))
          .isGreaterThanOrEqualTo(races);

      List<RecordedEvent> stream =
          TestNode.await(node.store().readStream("board-" + boardId, 0, 10_000));
      assertThat(stream).hasSize(1 + COMMANDS + races);
      Board folded = Board.NONE;
      for (RecordedEvent e : stream) {
        folded = folded.apply(e.type(), new JsonObject(e.data()));
      }
      assertThat(folded.cards()).hasSize(COMMANDS + races);
      for (int i = 0; i < COMMANDS; i++) {
        String title = "card " + i;
        assertThat(folded.cards()).anyMatch(c -> c.title().equals(title));
      }
      // the projection caught up with the raced appends (gap filled from the stream)
      JsonObject expected = folded.toJson(stream.size());
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(node.board("ann", boardId)).isEqualTo(expected));
    }
  }
}
