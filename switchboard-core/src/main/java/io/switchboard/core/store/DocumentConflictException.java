package io.switchboard.core.store;

/**
 * A conditional document write ({@link StoreTransaction#put(String, String, String, long)}) whose
 * expected revision was not the document's (0 expected: the document exists already). Nothing of
 * the transaction was written.
 */
public final class DocumentConflictException extends StoreConflictException {
  private final String collection;
  private final String key;

  /**
   * @param collection the collection
   * @param key the document's key
   * @param expected the revision the writer expected (0: absent)
   * @param actual the document's revision (0: absent)
   */
  public DocumentConflictException(String collection, String key, long expected, long actual) {
    super(
        "document "
            + collection
            + "/"
            + key
            + " is at revision "
            + actual
            + ", expected "
            + expected);
    this.collection = collection;
    this.key = key;
  }

  /** The collection. */
  public String collection() {
    return collection;
  }

  /** The document's key. */
  public String key() {
    return key;
  }
}
