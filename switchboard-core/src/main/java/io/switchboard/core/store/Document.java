package io.switchboard.core.store;

import java.util.Objects;

/**
 * A JSON document of a collection (issue 8: projection tables, command records; later workflows,
 * users and agents).
 *
 * @param collection the collection, e.g. {@code board}; letters, digits, {@code . _ -}
 * @param key the document's key in the collection, any non-empty text
 * @param json the document, JSON text
 * @param revision 1 when first written, plus one on every put
 */
public record Document(String collection, String key, String json, long revision) {
  /**
   * @throws NullPointerException if a component is null
   */
  public Document {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(json, "json");
  }
}
