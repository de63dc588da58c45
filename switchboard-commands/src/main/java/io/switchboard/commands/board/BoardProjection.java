package io.switchboard.commands.board;

import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.commands.domain.Projection;
import io.switchboard.commands.domain.ProjectionDocs;
import io.vertx.core.Future;
import java.util.Set;

/**
 * The {@code boards} projection (SPEC C2 example domain): one document per board, keyed by the
 * board id, in {@link Board#toJson} form with the stream version it reflects.
 */
public final class BoardProjection implements Projection {
  /** Its name, also the query name: {@code GET /api/v1/queries/boards}. */
  public static final String NAME = "boards";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of(
        BoardEvents.CREATED,
        BoardEvents.CARD_ADDED,
        BoardEvents.CARD_MOVED,
        BoardEvents.CARD_REMOVED);
  }

  @Override
  public Future<Void> apply(EventEnvelope event, ProjectionDocs docs) {
    String key = event.aggregateId();
    return docs.get(key)
        .map(
            doc -> {
              Board next = Board.fromJson(doc).apply(event.type(), event.data());
              docs.put(key, next.toJson(event.version()));
              return null;
            });
  }
}
