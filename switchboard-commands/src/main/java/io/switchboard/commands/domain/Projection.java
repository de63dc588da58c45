package io.switchboard.commands.domain;

import io.vertx.core.Future;
import java.util.Set;

/**
 * A read model kept from events (SPEC C2: projections, queried with RESTish GETs). It is updated in
 * the same transaction as the events it applies, with a checkpoint per stream, and can be rebuilt
 * from the event store into a new version while the service runs ({@code POST
 * /api/v1/projections/{name}/rebuild}). Its documents live in the collection {@code
 * <name>.v<version>}.
 */
public interface Projection {

  /**
   * The name: lower-case letters, digits and {@code _}, starting with a letter, at most 50
   * characters, e.g. {@code boards}.
   */
  String name();

  /** The event types it applies; others never reach {@link #apply}. */
  Set<String> eventTypes();

  /**
   * Applies one event: reads and writes documents through {@code docs}. Called once per event and
   * projection version, in each stream's order; must not block and must depend only on the event
   * and the documents (a rebuild calls it again for every past event).
   *
   * @return completes when its writes are given to {@code docs}; a failure fails the transaction
   */
  Future<Void> apply(EventEnvelope event, ProjectionDocs docs);
}
