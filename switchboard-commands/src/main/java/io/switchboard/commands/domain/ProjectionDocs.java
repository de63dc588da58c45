package io.switchboard.commands.domain;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The documents of one projection (SPEC C2: projection tables), as one transaction sees them: a
 * projection reads and writes only its own. Writes happen at commit together with the events that
 * caused them (and the projection's checkpoint); a document changed meanwhile by another
 * transaction fails the commit, which is retried.
 */
public interface ProjectionDocs {

  /**
   * @param key the document key, 1 to 512 characters
   * @return the document (this transaction's own write if any), or {@code null}; failed if the
   *     store is unreachable
   */
  Future<JsonObject> get(String key);

  /** Writes a document (created or replaced) at commit. */
  void put(String key, JsonObject document);

  /** Deletes a document at commit (nothing if absent). */
  void delete(String key);
}
