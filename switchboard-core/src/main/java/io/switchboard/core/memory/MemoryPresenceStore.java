package io.switchboard.core.memory;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.core.presence.PresenceUpdate;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * In-memory {@link PresenceStore} (SPEC "Engines", presence). Each room keeps its entries twice: by
 * connection id, and in a sorted map by {@link PresencePage#cursorOf} for paging, so an add, a
 * remove or a count is O(log n) and a page O(log n + limit) whatever the room's size. Entries live
 * as long as the node; they never expire because the node that holds the connections is this
 * process. A room with no entry left is removed, so memory is bounded by the joined connections.
 * Every future is already completed; thread-safe (each room under its own lock).
 */
public final class MemoryPresenceStore implements PresenceStore {
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public MemoryPresenceStore() {}

  /** {@inheritDoc} */
  @Override
  public Future<PresenceUpdate> add(String room, PresenceEntry entry) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(entry, "entry");
    PresenceUpdate[] out = new PresenceUpdate[1];
    rooms.compute(
        room,
        (r, members) -> {
          Room m = members == null ? new Room() : members;
          PresenceEntry old = m.byConnection.put(entry.connection(), entry);
          if (old != null) {
            m.ordered.remove(PresencePage.cursorOf(old));
          }
          m.ordered.put(PresencePage.cursorOf(entry), entry);
          out[0] = new PresenceUpdate(old == null, m.byConnection.size());
          return m;
        });
    return Future.succeededFuture(out[0]);
  }

  /** {@inheritDoc} */
  @Override
  public Future<PresenceUpdate> remove(String room, String connection) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(connection, "connection");
    PresenceUpdate[] out = {new PresenceUpdate(false, 0)};
    rooms.computeIfPresent(
        room,
        (r, m) -> {
          PresenceEntry old = m.byConnection.remove(connection);
          if (old != null) {
            m.ordered.remove(PresencePage.cursorOf(old));
          }
          out[0] = new PresenceUpdate(old != null, m.byConnection.size());
          return m.byConnection.isEmpty() ? null : m;
        });
    return Future.succeededFuture(out[0]);
  }

  /** {@inheritDoc} */
  @Override
  public Future<Integer> count(String room) {
    Objects.requireNonNull(room, "room");
    int[] out = {0};
    rooms.computeIfPresent(
        room,
        (r, m) -> {
          out[0] = m.byConnection.size();
          return m;
        });
    return Future.succeededFuture(out[0]);
  }

  /** {@inheritDoc} */
  @Override
  public Future<PresencePage> page(String room, String cursor, int limit) {
    Objects.requireNonNull(room, "room");
    int wanted = Math.max(0, Math.min(limit, MAX_PAGE));
    PresencePage[] out = {PresencePage.EMPTY};
    rooms.computeIfPresent(
        room,
        (r, m) -> {
          NavigableMap<String, PresenceEntry> rest =
              cursor == null ? m.ordered : m.ordered.tailMap(cursor, false);
          List<PresenceEntry> entries = new ArrayList<>(Math.min(wanted, rest.size()));
          String last = null;
          for (Map.Entry<String, PresenceEntry> e : rest.entrySet()) {
            if (entries.size() == wanted) {
              break;
            }
            entries.add(e.getValue());
            last = e.getKey();
          }
          boolean more =
              wanted > 0 && entries.size() == wanted && rest.lastKey().compareTo(last) > 0;
          out[0] = new PresencePage(entries, more ? last : null, m.byConnection.size());
          return m;
        });
    return Future.succeededFuture(out[0]);
  }

  /** {@inheritDoc} Never called: memory entries live and die with their node. */
  @Override
  public void onExpired(BiConsumer<String, PresenceEntry> listener) {
    Objects.requireNonNull(listener, "listener");
  }

  /** One room's members; only touched inside the rooms map's compute, which serialises them. */
  private static final class Room {
    final Map<String, PresenceEntry> byConnection = new HashMap<>();
    final NavigableMap<String, PresenceEntry> ordered = new TreeMap<>();
  }
}
