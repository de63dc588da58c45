package io.switchboard.server.gateway;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One connection's memberships of rooms, joined or joining (SPEC C1 "Rooms"), by room name, and the
 * order of its presence writes. {@link Membership} adds and releases them; the command handlers
 * read them. The map is thread-safe; {@link #afterPreviousPresenceWrite} is called on the
 * connection's event loop.
 */
final class ConnectionRooms {
  private final Map<String, LocalRoom.Member> members = new ConcurrentHashMap<>();
  private Future<?> lastPresenceWrite = Future.succeededFuture();

  /** The membership of {@code room}, or {@code null}. */
  LocalRoom.Member get(String room) {
    return members.get(room);
  }

  /** Whether the connection is in (or joining) {@code room}. */
  boolean contains(String room) {
    return members.containsKey(room);
  }

  /** How many rooms the connection is in or joining. */
  int size() {
    return members.size();
  }

  /** Records a new membership; the caller checked there was none ({@link #get}). */
  void add(String room, LocalRoom.Member member) {
    members.put(room, member);
  }

  /** Forgets {@code member} if it is still the membership of its room; returns whether it was. */
  boolean remove(String room, LocalRoom.Member member) {
    return members.remove(room, member);
  }

  /** Every membership, a copy. */
  List<LocalRoom.Member> all() {
    return List.copyOf(members.values());
  }

  /**
   * Runs a presence write once the previous one of this connection has completed (either way), so
   * that a join's add and a later leave's remove reach the engine in that order even on a command
   * pool that may reorder them (a join, leave and join back to back must end joined).
   */
  <T> Future<T> afterPreviousPresenceWrite(Supplier<Future<T>> write) {
    Future<T> next = lastPresenceWrite.transform(ignored -> write.get());
    lastPresenceWrite = next;
    return next;
  }
}
