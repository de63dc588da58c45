package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.core.presence.PresenceUpdate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link PresenceStore} (see its Javadoc): entries keyed by room and connection,
 * idempotent add and remove reporting the member count, pages oldest join first that visit every
 * stable member exactly once while others join and leave, counts consistent with completed writes.
 */
public abstract class PresenceStoreContract extends PortContract {
  /**
   * A fresh, ready presence store for one test, asked for before each test ({@code @BeforeEach}) on
   * the test thread; may block until connected. Register what closes it with {@link
   * #closeAfterTest}.
   *
   * @return the port under test
   */
  protected abstract PresenceStore newPresenceStore();

  private PresenceStore presence;
  private String room;

  @BeforeEach
  void pickRoom() {
    presence = newPresenceStore();
    room = unique("chat:");
  }

  @Test
  void anUnknownRoomIsEmpty() {
    assertThat(await(presence.page(room, null, 10))).isEqualTo(PresencePage.EMPTY);
    assertThat(await(presence.count(room))).isZero();
  }

  @Test
  void pagesListEntriesOldestJoinFirst() {
    PresenceEntry late = entry("c2", "bob", 2_000);
    PresenceEntry early = entry("c1", "alice", 1_000);
    PresenceEntry anonymous = new PresenceEntry("c3", null, "node-b", 3_000);
    PresenceEntry tie = entry("c0", "zed", 2_000);
    await(presence.add(room, late));
    await(presence.add(room, anonymous));
    await(presence.add(room, early));
    await(presence.add(room, tie));
    assertThat(all()).containsExactly(early, tie, late, anonymous);
    PresencePage first = await(presence.page(room, null, 10));
    assertThat(first.entries()).containsExactly(early, tie, late, anonymous);
    assertThat(first.next()).isNull();
    assertThat(first.count()).isEqualTo(4);
  }

  @Test
  void addReportsNewMembersAndTheCount() {
    assertThat(await(presence.add(room, entry("c1", "alice", 1_000))))
        .isEqualTo(new PresenceUpdate(true, 1));
    assertThat(await(presence.add(room, entry("c2", "bob", 2_000))))
        .isEqualTo(new PresenceUpdate(true, 2));
    assertThat(await(presence.add(room, entry("c1", "alice", 1_000))))
        .isEqualTo(new PresenceUpdate(false, 2));
    assertThat(await(presence.count(room))).isEqualTo(2);
  }

  @Test
  void addIsIdempotentAndReplacesTheConnectionsEntry() {
    await(presence.add(room, entry("c1", "alice", 1_000)));
    await(presence.add(room, entry("c1", "alice", 1_000)));
    assertThat(all()).containsExactly(entry("c1", "alice", 1_000));
    PresenceEntry moved = new PresenceEntry("c1", "alice", "node-b", 1_500);
    await(presence.add(room, moved));
    assertThat(all()).containsExactly(moved);
    assertThat(await(presence.count(room))).isEqualTo(1);
  }

  @Test
  void removeIsIdempotentAndReportsWhetherTheConnectionWasPresent() {
    await(presence.add(room, entry("c1", "alice", 1_000)));
    await(presence.add(room, entry("c2", "alice", 2_000)));
    assertThat(await(presence.remove(room, "c1"))).isEqualTo(new PresenceUpdate(true, 1));
    assertThat(await(presence.remove(room, "c1"))).isEqualTo(new PresenceUpdate(false, 1));
    assertThat(all()).containsExactly(entry("c2", "alice", 2_000));
    assertThat(await(presence.remove(room, "c2"))).isEqualTo(new PresenceUpdate(true, 0));
    assertThat(all()).isEmpty();
    assertThat(await(presence.count(room))).isZero();
    assertThat(await(presence.remove(unique("chat:"), "c9")).changed()).isFalse();
  }

  @Test
  void pagesWalkTheWholeRoomInOrderWithTheCount() {
    List<PresenceEntry> added = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      PresenceEntry e = entry(String.format("c%02d", i), "u" + i, 10_000 + i);
      added.add(e);
      await(presence.add(room, e));
    }
    List<PresenceEntry> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      PresencePage page = await(presence.page(room, cursor, 10));
      assertThat(page.entries()).hasSizeLessThanOrEqualTo(10);
      assertThat(page.count()).isEqualTo(25);
      walked.addAll(page.entries());
      cursor = page.next();
      pages++;
    } while (cursor != null);
    assertThat(walked).containsExactlyElementsOf(added);
    assertThat(pages).isBetween(3, 4);
  }

  @Test
  void aWalkVisitsEveryStableMemberOnceWhileOthersJoinAndLeave() {
    Set<String> stable = new LinkedHashSet<>();
    for (int i = 0; i < 30; i++) {
      await(presence.add(room, entry("s" + i, "u", 1_000 + 2L * i)));
      stable.add("s" + i);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int churn = 0;
    do {
      PresencePage page = await(presence.page(room, cursor, 7));
      page.entries().forEach(e -> seen.add(e.connection()));
      // members come and go between pages, before and after the cursor
      await(presence.add(room, entry("x" + churn, "v", 1_000 + 2L * churn + 1)));
      await(presence.add(room, entry("y" + churn, "v", 999_999 + churn)));
      await(presence.remove(room, "x" + (churn - 1)));
      churn++;
      cursor = page.next();
    } while (cursor != null);
    List<String> stableSeen = seen.stream().filter(stable::contains).toList();
    assertThat(stableSeen).containsExactlyElementsOf(stable);
    assertThat(seen).doesNotHaveDuplicates();
  }

  @Test
  void aZeroLimitReturnsOnlyTheCountAndLargeLimitsAreCapped() {
    for (int i = 0; i < 3; i++) {
      await(presence.add(room, entry("c" + i, "u", 1_000 + i)));
    }
    PresencePage countOnly = await(presence.page(room, null, 0));
    assertThat(countOnly.entries()).isEmpty();
    assertThat(countOnly.next()).isNull();
    assertThat(countOnly.count()).isEqualTo(3);
    assertThat(await(presence.page(room, null, Integer.MAX_VALUE)).entries()).hasSize(3);
  }

  @Test
  void roomsAreIndependent() {
    String other = unique("chat:");
    await(presence.add(room, entry("c1", "alice", 1_000)));
    await(presence.add(other, entry("c1", "alice", 1_000)));
    await(presence.remove(other, "c1"));
    assertThat(all()).containsExactly(entry("c1", "alice", 1_000));
    assertThat(await(presence.page(other, null, 10)).entries()).isEmpty();
  }

  /**
   * Every entry of this test's room, walking pages of two from the first.
   *
   * @return the entries in page order (oldest join first)
   */
  protected List<PresenceEntry> all() {
    List<PresenceEntry> out = new ArrayList<>();
    String cursor = null;
    do {
      PresencePage page = await(presence.page(room, cursor, 2));
      out.addAll(page.entries());
      cursor = page.next();
    } while (cursor != null);
    return out;
  }

  private static PresenceEntry entry(String connection, String user, long joinedAt) {
    return new PresenceEntry(connection, user, "node-a", joinedAt);
  }
}
