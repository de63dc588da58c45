package io.switchboard.core.store;

import java.util.Objects;

/**
 * A place in the global order of every event of a store (issue 8: a global position consumers can
 * tail without skipping events that commit out of order). Events are ordered by the transaction
 * that committed them, then by their order within it; a reader of {@link Store#readAll} sees a
 * prefix of that order that only grows at its end, so a checkpoint never skips an event that
 * commits later (PostgreSQL: the {@code xid8} of the writing transaction below the snapshot's
 * {@code xmin}, the approach of research/workflow-cqrs-tunnel.md B1; memory: a commit counter).
 *
 * @param transaction the committing transaction's number in the engine's commit order, ≥ 0
 * @param index the event's number in that transaction's appends, ≥ 0
 */
public record Position(long transaction, long index) implements Comparable<Position> {
  /** Before every event: read everything with {@code readAll(START, …)}. */
  public static final Position START = new Position(0, 0);

  /**
   * @throws IllegalArgumentException if a component is negative
   */
  public Position {
    if (transaction < 0 || index < 0) {
      throw new IllegalArgumentException(
          "position components must be >= 0: " + transaction + "/" + index);
    }
  }

  @Override
  public int compareTo(Position o) {
    int c = Long.compare(transaction, o.transaction);
    return c != 0 ? c : Long.compare(index, o.index);
  }

  /** The position as text for a checkpoint or a URL: {@code <transaction>-<index>}. */
  @Override
  public String toString() {
    return transaction + "-" + index;
  }

  /**
   * Parses {@link #toString()}'s form.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Position parse(String text) {
    Objects.requireNonNull(text, "text");
    int dash = text.indexOf('-');
    try {
      if (dash > 0) {
        return new Position(
            Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("not a position (expected <transaction>-<index>): " + text);
  }
}
