package io.switchboard.core.memory;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresenceStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link PresenceStore} (SPEC "Engines", presence). Entries live as long as the node;
 * they never expire because the node that holds the connections is this process. A room with
 * no entry left is removed, so memory is bounded by the joined connections. Every future is
 * already completed; thread-safe (each room is updated atomically).
 */
public final class MemoryPresenceStore implements PresenceStore {
  private static final Comparator<PresenceEntry> OLDEST_FIRST =
      Comparator.comparingLong(PresenceEntry::joinedAt);

  private final Map<String, Map<String, PresenceEntry>> rooms = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public MemoryPresenceStore() {}

  /** {@inheritDoc} */
  @Override
  public Future<Void> add(String room, PresenceEntry entry) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(entry, "entry");
    rooms.compute(
        room,
        (r, members) -> {
          Map<String, PresenceEntry> m = members == null ? new LinkedHashMap<>() : members;
          m.put(entry.connection(), entry);
          return m;
        });
    return Future.succeededFuture();
  }

  /** {@inheritDoc} */
  @Override
  public Future<Boolean> remove(String room, String connection) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(connection, "connection");
    boolean[] removed = {false};
    rooms.computeIfPresent(
        room,
        (r, members) -> {
          removed[0] = members.remove(connection) != null;
          return members.isEmpty() ? null : members;
        });
    return Future.succeededFuture(removed[0]);
  }

  /** {@inheritDoc} Ordered by {@link PresenceEntry#joinedAt()}, ties in insertion order. */
  @Override
  public Future<List<PresenceEntry>> list(String room) {
    Objects.requireNonNull(room, "room");
    List<PresenceEntry> out = new ArrayList<>();
    rooms.computeIfPresent(
        room,
        (r, members) -> {
          out.addAll(members.values());
          return members;
        });
    out.sort(OLDEST_FIRST);
    return Future.succeededFuture(List.copyOf(out));
  }

  /** {@inheritDoc} Never called: memory entries live and die with their node. */
  @Override
  public void onExpired(BiConsumer<String, PresenceEntry> listener) {
    Objects.requireNonNull(listener, "listener");
  }
}
