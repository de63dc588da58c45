package io.switchboard.core.room;

import java.util.List;
import java.util.Objects;

/**
 * What {@link RoomHistory#read} returns: the stream's current position and the retained
 * publications after the requested offset, oldest first.
 *
 * @param position the stream's epoch and newest offset at the time of the read
 * @param publications retained publications with offset greater than the requested one, ascending
 *     by offset, each {@code <= position.offset()}
 */
public record HistoryPage(StreamPosition position, List<Publication> publications) {
  /**
   * Copies {@code publications}.
   *
   * @throws NullPointerException if {@code position}, {@code publications} or one of its elements
   *     is null
   */
  public HistoryPage {
    Objects.requireNonNull(position, "position");
    publications = List.copyOf(publications);
  }

  /**
   * Whether this page holds every publication after {@code afterOffset} up to the position, that
   * is, nothing in between has been trimmed or expired: the client is already at the top, or the
   * oldest publication on the page is at most {@code afterOffset + 1} (retained history is
   * contiguous up to the position). The join uses it to decide {@code recovered}.
   *
   * @param afterOffset the offset the client already has (its {@code since.offset})
   * @return {@code true} when {@code afterOffset >= position.offset()} or nothing is missing
   */
  public boolean coversFrom(long afterOffset) {
    if (afterOffset >= position.offset()) {
      return true;
    }
    return !publications.isEmpty() && publications.get(0).offset() <= afterOffset + 1;
  }
}
