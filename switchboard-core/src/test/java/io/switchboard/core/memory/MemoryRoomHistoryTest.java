package io.switchboard.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.PublicationDraft;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Memory-only behaviour on a fake clock: how the memory engine loses a stream. */
class MemoryRoomHistoryTest {
  private static final HistoryOptions OPTIONS = new HistoryOptions(10, Duration.ofSeconds(30));

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final MemoryRoomHistory history =
      new MemoryRoomHistory(new MemoryPubSub(), now::get, Duration.ofHours(1));

  @Test
  void aStreamIdleLongerThanTheRetentionStartsANewEpoch() {
    history.publish("board:1", draft(), OPTIONS);
    history.publish("board:1", draft(), OPTIONS);
    HistoryPage before = history.read("board:1", 0).result();

    now.addAndGet(Duration.ofMinutes(59).toMillis());
    assertThat(history.read("board:1", 0).result().position()).isEqualTo(before.position());

    now.addAndGet(Duration.ofMinutes(2).toMillis());
    HistoryPage after = history.read("board:1", 0).result();
    assertThat(after.position().epoch()).isNotEqualTo(before.position().epoch());
    assertThat(after.position().offset()).isZero();
    assertThat(history.publish("board:1", draft(), OPTIONS).result().offset()).isEqualTo(1);
  }

  @Test
  void historyExpiresOnTheClockButTheTopOffsetStays() {
    history.publish("board:1", draft(), OPTIONS);
    now.addAndGet(Duration.ofSeconds(30).toMillis());
    HistoryPage page = history.read("board:1", 0).result();
    assertThat(page.publications()).isEmpty();
    assertThat(page.position().offset()).isEqualTo(1);
  }

  @Test
  void idleStreamsAreSweptSoMemoryStaysBounded() {
    for (int i = 0; i < 100; i++) {
      history.publish("board:" + i, draft(), OPTIONS);
    }
    assertThat(history.streamCount()).isEqualTo(100);
    now.addAndGet(Duration.ofHours(2).toMillis());
    history.read("board:new", 0);
    assertThat(history.streamCount()).isEqualTo(1);
  }

  /**
   * Finding 1 (issue 7): expired publications are freed by the sweep, not only by a read of their
   * room.
   */
  @Test
  void expiredPublicationsAreFreedWithoutAReadOfTheirRoom() {
    for (int i = 0; i < 100; i++) {
      history.publish("board:" + i, draft(), OPTIONS);
      history.publish("board:" + i, draft(), OPTIONS);
    }
    assertThat(history.publicationCount()).isEqualTo(200);
    now.addAndGet(
        Duration.ofSeconds(61).toMillis()); // past the 30 s TTL and the once-a-minute sweep
    history.read("chat:elsewhere", 0); // any call drives the sweep; none of the 100 rooms is read
    assertThat(history.publicationCount()).isZero();
    assertThat(history.streamCount()).as("epoch and top offset stay").isEqualTo(101);
    assertThat(history.read("board:7", 0).result().position().offset()).isEqualTo(2);
  }

  /** Finding 2 (issue 7): the number of streams is capped; the least recently used one goes. */
  @Test
  void theLeastRecentlyUsedStreamIsEvictedBeyondMaxStreams() {
    MemoryRoomHistory capped =
        new MemoryRoomHistory(new MemoryPubSub(), now::get, Duration.ofHours(1), 3);
    capped.publish("chat:a", draft(), OPTIONS);
    String epochA = capped.read("chat:a", 0).result().position().epoch();
    capped.read("chat:b", 0);
    capped.read("chat:c", 0);
    capped.read("chat:a", 0); // a is used again: b is now the least recently used
    for (int i = 0; i < 1000; i++) {
      capped.read("spam:" + i, 0); // one client reading ever-new rooms
    }
    assertThat(capped.streamCount()).isEqualTo(3);
    assertThat(capped.evictions()).isEqualTo(1000);
    assertThat(capped.publicationCount()).as("a's publication went with it").isZero();
    HistoryPage a = capped.read("chat:a", 0).result();
    assertThat(a.position().epoch())
        .as("evicted: its next use starts a new epoch")
        .isNotEqualTo(epochA);
    assertThat(a.position().offset()).isZero();
    assertThat(capped.publish("chat:a", draft(), OPTIONS).result().offset()).isEqualTo(1);
  }

  @Test
  void aRoomInUseStaysWhileOthersComeAndGo() {
    MemoryRoomHistory capped =
        new MemoryRoomHistory(new MemoryPubSub(), now::get, Duration.ofHours(1), 2);
    capped.publish("chat:busy", draft(), OPTIONS);
    String epoch = capped.read("chat:busy", 0).result().position().epoch();
    for (int i = 0; i < 100; i++) {
      capped.read("spam:" + i, 0);
      capped.publish("chat:busy", draft(), OPTIONS);
    }
    HistoryPage busy = capped.read("chat:busy", 0).result();
    assertThat(busy.position().epoch()).isEqualTo(epoch);
    assertThat(busy.position().offset()).isEqualTo(101);
    assertThat(capped.streamCount()).isEqualTo(2);
  }

  private static PublicationDraft draft() {
    return new PublicationDraft("e", "{}", null);
  }
}
