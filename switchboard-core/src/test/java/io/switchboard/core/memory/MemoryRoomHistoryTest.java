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

  private static PublicationDraft draft() {
    return new PublicationDraft("e", "{}", null);
  }
}
