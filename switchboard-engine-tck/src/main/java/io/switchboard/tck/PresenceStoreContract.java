package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresenceStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link PresenceStore} (see its Javadoc): entries keyed by room and connection,
 * idempotent add and remove, list oldest join first and consistent with completed writes.
 */
public abstract class PresenceStoreContract extends PortContract {
  /** A fresh, ready presence store for one test; register what closes it with {@link #closeAfterTest}. */
  protected abstract PresenceStore newPresenceStore();

  private PresenceStore presence;
  private String room;

  @BeforeEach
  void pickRoom() {
    presence = newPresenceStore();
    room = unique("chat:");
  }

  @Test
  void anUnknownRoomListsEmpty() {
    assertThat(await(presence.list(room))).isEmpty();
  }

  @Test
  void listsEntriesOldestJoinFirst() {
    PresenceEntry late = entry("c2", "bob", 2_000);
    PresenceEntry early = entry("c1", "alice", 1_000);
    PresenceEntry anonymous = new PresenceEntry("c3", null, "node-b", 3_000);
    await(presence.add(room, late));
    await(presence.add(room, anonymous));
    await(presence.add(room, early));
    assertThat(await(presence.list(room))).containsExactly(early, late, anonymous);
  }

  @Test
  void addIsIdempotentAndReplacesTheConnectionsEntry() {
    await(presence.add(room, entry("c1", "alice", 1_000)));
    await(presence.add(room, entry("c1", "alice", 1_000)));
    assertThat(await(presence.list(room))).containsExactly(entry("c1", "alice", 1_000));
    PresenceEntry moved = new PresenceEntry("c1", "alice", "node-b", 1_500);
    await(presence.add(room, moved));
    assertThat(await(presence.list(room))).containsExactly(moved);
  }

  @Test
  void removeIsIdempotentAndReportsWhetherTheConnectionWasPresent() {
    await(presence.add(room, entry("c1", "alice", 1_000)));
    await(presence.add(room, entry("c2", "alice", 2_000)));
    assertThat(await(presence.remove(room, "c1"))).isTrue();
    assertThat(await(presence.remove(room, "c1"))).isFalse();
    assertThat(await(presence.list(room))).containsExactly(entry("c2", "alice", 2_000));
    assertThat(await(presence.remove(room, "c2"))).isTrue();
    assertThat(await(presence.list(room))).isEmpty();
    assertThat(await(presence.remove(unique("chat:"), "c9"))).isFalse();
  }

  @Test
  void roomsAreIndependent() {
    String other = unique("chat:");
    await(presence.add(room, entry("c1", "alice", 1_000)));
    await(presence.add(other, entry("c1", "alice", 1_000)));
    await(presence.remove(other, "c1"));
    assertThat(await(presence.list(room))).containsExactly(entry("c1", "alice", 1_000));
    assertThat(await(presence.list(other))).isEmpty();
  }

  private static PresenceEntry entry(String connection, String user, long joinedAt) {
    return new PresenceEntry(connection, user, "node-a", joinedAt);
  }
}
