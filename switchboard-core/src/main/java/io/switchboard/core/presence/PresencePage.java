package io.switchboard.core.presence;

import java.util.List;
import java.util.Objects;

/**
 * One page of a room's members (SPEC C1 "Rooms": the full list is paged on request, the way Discord
 * treats large guilds).
 *
 * @param entries at most the requested number of live entries, oldest join first (ties by
 *     connection id)
 * @param next the cursor of the following page, or {@code null} when this page reaches the end;
 *     opaque to clients
 * @param count how many live members the room has, cluster-wide
 */
public record PresencePage(List<PresenceEntry> entries, String next, int count) {
  /**
   * Copies {@code entries}.
   *
   * @throws NullPointerException if {@code entries} or one of its elements is null
   */
  public PresencePage {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
  }

  /** The empty page of a room without members: no entries, no next cursor, count 0. */
  public static final PresencePage EMPTY = new PresencePage(List.of(), null, 0);

  /**
   * The cursor that orders entries: join time in epoch milliseconds (negative taken as 0),
   * zero-padded to 13 digits, {@code ':'}, connection id, e.g. {@code 1718000000000:node-1.3f}. Its
   * string order is oldest join first, ties by connection id; every engine orders and pages by it.
   *
   * @param entry the entry
   * @return its cursor
   */
  public static String cursorOf(PresenceEntry entry) {
    return String.format("%013d:%s", Math.max(0, entry.joinedAt()), entry.connection());
  }
}
