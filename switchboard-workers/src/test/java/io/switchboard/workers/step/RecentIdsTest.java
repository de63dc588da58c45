package io.switchboard.workers.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

class RecentIdsTest {
  private static final RecentIds.Entry ENTRY =
      new RecentIds.Entry(Future.failedFuture("x"), Future.succeededFuture());

  @Test
  void forgetsTheOldestBeyondItsCapacity() {
    RecentIds ids = new RecentIds(2);
    ids.put("a", ENTRY);
    ids.put("b", ENTRY);
    ids.put("a", ENTRY); // a is now the newest
    ids.put("c", ENTRY);
    assertThat(ids.size()).isEqualTo(2);
    assertThat(ids.get("b")).isNull();
    assertThat(ids.get("a")).isSameAs(ENTRY);
    assertThat(ids.get("c")).isSameAs(ENTRY);
  }

  @Test
  void claimRemembersTheNewEntryOnlyWhenNoneOrAReplaceableOneIsThere() {
    RecentIds ids = new RecentIds(10);
    RecentIds.Entry other =
        new RecentIds.Entry(Future.succeededFuture(), Future.failedFuture("transient"));
    assertThat(ids.claim("a", ENTRY, e -> false)).isEqualTo(new RecentIds.Claim(null, true));
    assertThat(ids.claim("a", other, e -> false)).isEqualTo(new RecentIds.Claim(ENTRY, false));
    assertThat(ids.get("a")).isSameAs(ENTRY);
    assertThat(ids.claim("a", other, e -> e == ENTRY)).isEqualTo(new RecentIds.Claim(ENTRY, true));
    assertThat(ids.get("a")).isSameAs(other);
  }

  @Test
  void needsRoomForOne() {
    assertThatThrownBy(() -> new RecentIds(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
