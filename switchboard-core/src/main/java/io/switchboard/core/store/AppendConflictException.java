package io.switchboard.core.store;

/**
 * An append whose expected version was not the stream's version, or whose event id is stored
 * already (issue 8: optimistic concurrency). Nothing of the transaction was written; the caller
 * reloads the stream and decides again.
 */
public final class AppendConflictException extends StoreConflictException {
  private final String stream;
  private final long expected;
  private final long actual;

  /**
   * @param stream the stream
   * @param expected the version the writer expected
   * @param actual the stream's version, or -1 when the conflict is a duplicate event id
   */
  public AppendConflictException(String stream, long expected, long actual) {
    super(
        actual < 0
            ? "an event appended to " + stream + " has an id that is stored already"
            : "stream " + stream + " is at version " + actual + ", expected " + expected);
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }

  /** The stream. */
  public String stream() {
    return stream;
  }

  /** The version the writer expected. */
  public long expected() {
    return expected;
  }

  /** The stream's version, or -1 for a duplicate event id. */
  public long actual() {
    return actual;
  }
}
