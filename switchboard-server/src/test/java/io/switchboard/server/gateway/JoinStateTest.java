package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.StreamPosition;
import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.core.snapshot.SnapshotCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JoinState#compose}: what a {@code joined} reply carries (SPEC C1 "Join is consistent").
 */
class JoinStateTest {
  private static final String ROOM = "board:1";
  private static final PresencePage PRESENCE =
      new PresencePage(List.of(new PresenceEntry("n.1", "alice", "n", 1L)), "cursor", 250);

  private static Publication pub(long offset) {
    return new Publication(
        ROOM, offset, "card.add", "{\"n\":" + offset + "}", "alice", 1000 + offset);
  }

  /**
   * A page at {@code position} in {@code epoch} retaining offsets {@code from..to} (none if from >
   * to).
   */
  private static HistoryPage page(String epoch, long position, long from, long to) {
    List<Publication> pubs = new ArrayList<>();
    for (long o = from; o <= to; o++) {
      pubs.add(pub(o));
    }
    return new HistoryPage(new StreamPosition(epoch, position), pubs);
  }

  private static Snapshot snapshot(long offset, String json) {
    return new Snapshot(
        "board.update", offset, SnapshotCodec.ENCODING, SnapshotCodec.compress(json), 5L);
  }

  private static List<Long> offsets(JoinedState s) {
    return s.history().stream().map(Publication::offset).toList();
  }

  @Test
  void recoveredWhenEpochMatchesAndHistoryCoversTheGap() {
    JoinedState s =
        JoinState.compose(
            ROOM,
            page("e1", 10, 6, 10),
            snapshot(8, "{\"cards\":[1]}"),
            PRESENCE,
            new StreamPosition("e1", 7));
    assertThat(s.recovered()).isTrue();
    assertThat(s.epoch()).isEqualTo("e1");
    assertThat(s.offset()).isEqualTo(10L);
    assertThat(offsets(s)).containsExactly(8L, 9L, 10L);
    assertThat(s.snapshotData()).as("a recovered join sends no snapshot").isNull();
    assertThat(s.snapshotEvent()).isNull();
    assertThat(s.presence()).isEqualTo(PRESENCE.entries());
    assertThat(s.presenceCount()).as("the room's count, not the page's size").isEqualTo(250);
    assertThat(s.room()).isEqualTo(ROOM);
  }

  @Test
  void recoveredWithNothingMissedWhenSinceIsThePosition() {
    JoinedState s =
        JoinState.compose(
            ROOM, page("e1", 10, 6, 10), null, PRESENCE, new StreamPosition("e1", 10));
    assertThat(s.recovered()).isTrue();
    assertThat(s.history()).isEmpty();
    assertThat(s.offset()).isEqualTo(10L);
  }

  @Test
  void recoveredOnAnEmptyStream() {
    JoinedState s =
        JoinState.compose(
            ROOM, page("e1", 0, 1, 0), null, PresencePage.EMPTY, new StreamPosition("e1", 0));
    assertThat(s.recovered()).isTrue();
    assertThat(s.history()).isEmpty();
    assertThat(s.offset()).isZero();
  }

  @Test
  void notRecoveredWhenTheEpochChanged() {
    JoinedState s =
        JoinState.compose(ROOM, page("e2", 10, 6, 10), null, PRESENCE, new StreamPosition("e1", 7));
    assertThat(s.recovered()).isFalse();
    assertThat(s.epoch()).isEqualTo("e2");
    assertThat(s.offset()).isEqualTo(10L);
    assertThat(offsets(s)).as("the whole retained history").containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(s.snapshotData()).isNull();
  }

  @Test
  void notRecoveredWhenTheHistoryWasTrimmed() {
    JoinedState s =
        JoinState.compose(ROOM, page("e1", 10, 6, 10), null, PRESENCE, new StreamPosition("e1", 3));
    assertThat(s.recovered()).isFalse();
    assertThat(offsets(s)).containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(s.offset()).isEqualTo(10L);
  }

  @Test
  void notRecoveredWhenTheHistoryExpiredEntirely() {
    JoinedState s =
        JoinState.compose(ROOM, page("e1", 10, 1, 0), null, PRESENCE, new StreamPosition("e1", 7));
    assertThat(s.recovered()).isFalse();
    assertThat(s.history()).isEmpty();
    assertThat(s.offset()).isEqualTo(10L);
  }

  @Test
  void notRecoveredWhenSinceIsAheadOfThePosition() {
    JoinedState s =
        JoinState.compose(
            ROOM, page("e1", 10, 6, 10), null, PRESENCE, new StreamPosition("e1", 12));
    assertThat(s.recovered()).isFalse();
    assertThat(s.offset()).isEqualTo(10L);
    assertThat(offsets(s)).containsExactly(6L, 7L, 8L, 9L, 10L);
  }

  @Test
  void failedRecoverySendsTheSnapshotAndTheHistoryAfterIt() {
    JoinedState s =
        JoinState.compose(
            ROOM,
            page("e1", 10, 6, 10),
            snapshot(8, "{\"cards\":[1,2]}"),
            PRESENCE,
            new StreamPosition("e1", 2));
    assertThat(s.recovered()).isFalse();
    assertThat(s.snapshotData()).isEqualTo("{\"cards\":[1,2]}");
    assertThat(s.snapshotOffset()).isEqualTo(8L);
    assertThat(offsets(s)).containsExactly(9L, 10L);
  }

  @Test
  void freshJoinGetsTheDecompressedSnapshotAndOnlyTheHistoryAfterIt() {
    JoinedState s =
        JoinState.compose(
            ROOM, page("e1", 10, 6, 10), snapshot(8, "{\"cards\":[1,2]}"), PRESENCE, null);
    assertThat(s.recovered()).isFalse();
    assertThat(s.snapshotEvent()).isEqualTo("board.update");
    assertThat(s.snapshotOffset()).isEqualTo(8L);
    assertThat(s.snapshotData()).isEqualTo("{\"cards\":[1,2]}");
    assertThat(offsets(s)).containsExactly(9L, 10L);
    assertThat(s.offset()).isEqualTo(10L);
  }

  @Test
  void freshJoinWithoutSnapshotGetsTheWholeHistory() {
    JoinedState s = JoinState.compose(ROOM, page("e1", 3, 1, 3), null, PRESENCE, null);
    assertThat(s.recovered()).isFalse();
    assertThat(s.snapshotData()).isNull();
    assertThat(s.snapshotOffset()).isZero();
    assertThat(offsets(s)).containsExactly(1L, 2L, 3L);
    assertThat(s.offset()).isEqualTo(3L);
  }

  @Test
  void snapshotNewerThanThePositionWinsAndNoHistoryIsRepeated() {
    // a publish raced the read: the snapshot already reflects offset 12, the page stopped at 10
    JoinedState s =
        JoinState.compose(
            ROOM, page("e1", 10, 6, 10), snapshot(12, "{\"cards\":[]}"), PRESENCE, null);
    assertThat(s.recovered()).isFalse();
    assertThat(s.offset()).as("live events continue after the snapshot").isEqualTo(12L);
    assertThat(s.snapshotOffset()).isEqualTo(12L);
    assertThat(s.history()).isEmpty();
  }

  @Test
  void snapshotAtThePositionLeavesNoHistory() {
    JoinedState s =
        JoinState.compose(ROOM, page("e1", 10, 6, 10), snapshot(10, "{}"), PRESENCE, null);
    assertThat(s.offset()).isEqualTo(10L);
    assertThat(s.history()).isEmpty();
    assertThat(s.snapshotData()).isEqualTo("{}");
  }
}
