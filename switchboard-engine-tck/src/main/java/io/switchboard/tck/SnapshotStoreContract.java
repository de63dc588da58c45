package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.core.snapshot.SnapshotCodec;
import io.switchboard.core.snapshot.SnapshotStore;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link SnapshotStore} (see its Javadoc): newer (or equal) offset wins, a late writer
 * never rolls back, bytes come back exactly, and a snapshot expires after its TTL.
 */
public abstract class SnapshotStoreContract extends PortContract {
  /**
   * A fresh, ready snapshot store for one test, asked for before each test ({@code @BeforeEach}) on
   * the test thread; may block until connected. Register what closes it with {@link
   * #closeAfterTest}.
   *
   * @return the port under test
   */
  protected abstract SnapshotStore newSnapshotStore();

  private static final Duration LONG = Duration.ofMinutes(5);

  private SnapshotStore snapshots;
  private String room;

  @BeforeEach
  void pickRoom() {
    snapshots = newSnapshotStore();
    room = unique("board:");
  }

  @Test
  void anUnknownRoomHasNoSnapshot() {
    assertThat(await(snapshots.get(room))).isNull();
  }

  @Test
  void returnsWhatWasStoredByteForByte() {
    Snapshot s = snapshot(4, "{\"cards\":[\"é\"]}");
    assertThat(await(snapshots.put(room, s, LONG))).isTrue();
    Snapshot got = await(snapshots.get(room));
    assertThat(got.event()).isEqualTo("board.update");
    assertThat(got.offset()).isEqualTo(4);
    assertThat(got.encoding()).isEqualTo(SnapshotCodec.ENCODING);
    assertThat(got.ts()).isEqualTo(s.ts());
    assertThat(got.data()).isEqualTo(s.data());
    assertThat(SnapshotCodec.decompress(got.data(), got.encoding()))
        .isEqualTo("{\"cards\":[\"é\"]}");
  }

  @Test
  void aNewerOrEqualOffsetReplacesAndAnOlderOneIsRefused() {
    assertThat(await(snapshots.put(room, snapshot(5, "\"five\""), LONG))).isTrue();
    assertThat(await(snapshots.put(room, snapshot(3, "\"three\""), LONG))).isFalse();
    assertThat(text(await(snapshots.get(room)))).isEqualTo("\"five\"");
    assertThat(await(snapshots.put(room, snapshot(5, "\"five again\""), LONG))).isTrue();
    assertThat(text(await(snapshots.get(room)))).isEqualTo("\"five again\"");
    assertThat(await(snapshots.put(room, snapshot(7, "\"seven\""), LONG))).isTrue();
    assertThat(await(snapshots.get(room)).offset()).isEqualTo(7);
  }

  @Test
  void expiresAfterItsTtlAndThenAcceptsAnyOffset() {
    assertThat(await(snapshots.put(room, snapshot(9, "1"), Duration.ofMillis(200)))).isTrue();
    Awaitility.await().atMost(PATIENCE).until(() -> await(snapshots.get(room)) == null);
    assertThat(await(snapshots.put(room, snapshot(1, "2"), LONG))).isTrue();
    assertThat(await(snapshots.get(room)).offset()).isEqualTo(1);
  }

  @Test
  void roomsAreIndependent() {
    String other = unique("board:");
    await(snapshots.put(room, snapshot(5, "1"), LONG));
    assertThat(await(snapshots.put(other, snapshot(1, "2"), LONG))).isTrue();
    assertThat(await(snapshots.get(room)).offset()).isEqualTo(5);
  }

  private static Snapshot snapshot(long offset, String json) {
    return new Snapshot(
        "board.update",
        offset,
        SnapshotCodec.ENCODING,
        SnapshotCodec.compress(json),
        1_700_000_000_000L + offset);
  }

  private static String text(Snapshot s) {
    return SnapshotCodec.decompress(s.data(), s.encoding());
  }
}
