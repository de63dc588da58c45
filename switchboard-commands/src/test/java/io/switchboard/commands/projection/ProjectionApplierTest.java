package io.switchboard.commands.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.commands.board.BoardProjection;
import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.core.memory.MemoryStore;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.RecordedEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-stream checkpoints (issue 8 point 5): an event is applied once and in order, a gap is filled
 * from the stream, and two writers of one checkpoint conflict instead of losing an update.
 */
class ProjectionApplierTest {
  final MemoryStore store = new MemoryStore();
  final BoardProjection boards = new BoardProjection();
  final ProjectionApplier applier = new ProjectionApplier(store, List.of(boards));

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  List<RecordedEvent> appendCreatedAndTwoCards() throws Exception {
    List<NewEvent> events =
        List.of(
            ev("board.created", new JsonObject().put("boardId", "b").put("title", "t")),
            ev(
                "card.added",
                new JsonObject().put("cardId", "1").put("title", "one").put("column", "c")),
            ev(
                "card.added",
                new JsonObject().put("cardId", "2").put("title", "two").put("column", "c")));
    await(
        store.transaction(
            tx -> {
              tx.append("board-b", 0, events);
              return Future.succeededFuture();
            }));
    return await(store.readStream("board-b", 0, 10));
  }

  static NewEvent ev(String type, JsonObject data) {
    return new NewEvent(
        java.util.UUID.randomUUID().toString(), type, data.encode(), EventMetadata.NONE);
  }

  Future<Void> apply(EventEnvelope e, boolean fillGap) {
    return store.transaction(
        tx -> {
          TxDocs docs = new TxDocs(tx);
          return applier
              .applyTo(docs, boards, 1, e, fillGap)
              .map(
                  v -> {
                    docs.flush();
                    return null;
                  });
        });
  }

  JsonObject board() throws Exception {
    var d = await(store.get("boards.v1", "b"));
    return d == null ? null : new JsonObject(d.json());
  }

  @Test
  void anEventBeyondTheNextFillsTheGapFromTheStreamOrIsSkipped() throws Exception {
    List<RecordedEvent> stream = appendCreatedAndTwoCards();
    await(apply(Envelopes.of(stream.get(2)), false));
    assertThat(board()).isNull(); // skipped: left to the rebuild
    await(apply(Envelopes.of(stream.get(2)), true));
    assertThat(board().getLong("version")).isEqualTo(3);
    assertThat(board().getJsonArray("cards")).hasSize(2);
    // applied once: the same events again change nothing
    await(apply(Envelopes.of(stream.get(1)), true));
    await(apply(Envelopes.of(stream.get(2)), true));
    assertThat(board().getJsonArray("cards")).hasSize(2);
    assertThat(
            new JsonObject(await(store.get("boards.v1.checkpoints", "board-b")).json())
                .getLong("version"))
        .isEqualTo(3);
  }

  @Test
  void twoWritersOfOneCheckpointConflict() throws Exception {
    List<RecordedEvent> stream = appendCreatedAndTwoCards();
    Future<Void> slow =
        store.transaction(
            tx -> {
              TxDocs docs = new TxDocs(tx);
              return applier
                  .applyTo(docs, boards, 1, Envelopes.of(stream.get(0)), true)
                  .compose(
                      v -> apply(Envelopes.of(stream.get(0)), true)) // another writer commits first
                  .map(
                      v -> {
                        docs.flush();
                        return null;
                      });
            });
    assertThatThrownBy(() -> await(slow)).hasCauseInstanceOf(DocumentConflictException.class);
    assertThat(board().getLong("version")).isEqualTo(1);
  }
}
