package io.switchboard.server.gateway;

import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.StreamPosition;
import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.core.snapshot.SnapshotCodec;
import java.util.List;

/**
 * Decides what a {@code joined} reply carries from what the engine read (SPEC C1 "Join is
 * consistent"). Pure function, unit-tested on its own.
 */
final class JoinState {
  private JoinState() {}

  /**
   * Composes the joined state.
   *
   * <ul>
   *   <li>Recovery succeeds when {@code since} has the stream's epoch, is not ahead of it, and the
   *       retained history reaches back to {@code since.offset + 1}: only the missed publications
   *       are sent, no snapshot, {@code recovered: true}.
   *   <li>Otherwise the snapshot (if any) and the history after the snapshot's offset are sent,
   *       {@code recovered: false}; the joined offset is the newer of the stream position and the
   *       snapshot's offset (a snapshot written by a publish that raced the read).
   * </ul>
   */
  static JoinedState compose(
      String room,
      HistoryPage page,
      Snapshot snapshot,
      PresencePage presence,
      StreamPosition since) {
    StreamPosition position = page.position();
    if (since != null
        && since.epoch().equals(position.epoch())
        && since.offset() <= position.offset()
        && page.coversFrom(since.offset())) {
      return new JoinedState(
          room,
          position.epoch(),
          position.offset(),
          presence.entries(),
          presence.count(),
          null,
          0,
          null,
          after(page.publications(), since.offset()),
          true);
    }
    long snapshotOffset = snapshot == null ? 0 : snapshot.offset();
    String snapshotData =
        snapshot == null ? null : SnapshotCodec.decompress(snapshot.data(), snapshot.encoding());
    return new JoinedState(
        room,
        position.epoch(),
        Math.max(position.offset(), snapshotOffset),
        presence.entries(),
        presence.count(),
        snapshot == null ? null : snapshot.event(),
        snapshotOffset,
        snapshotData,
        after(page.publications(), snapshotOffset),
        false);
  }

  private static List<Publication> after(List<Publication> publications, long offset) {
    return publications.stream().filter(p -> p.offset() > offset).toList();
  }
}
