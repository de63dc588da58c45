package io.switchboard.core.presence;

import io.vertx.core.Future;
import java.util.function.BiConsumer;

/**
 * Engine port: who is in each room, across every node (SPEC "Engines", presence; SPEC C1 "Rooms").
 * No operation costs more than the page it returns: a join into a room of ten thousand members must
 * not read ten thousand entries (issue 7: a join's cost must not grow with the room).
 *
 * <p>Contract, checked by {@code PresenceStoreContract}:
 *
 * <ul>
 *   <li>Entries are keyed by room and connection id; {@link #add} and {@link #remove} are
 *       idempotent and report the member count after the write.
 *   <li>{@link #page} and {@link #count} reflect every add and remove whose future completed before
 *       they were called. Pages are ordered by {@link PresencePage#cursorOf} (oldest join first):
 *       following {@link PresencePage#next} from {@code null} visits every entry that was present
 *       during the whole walk exactly once, whatever joins and leaves meanwhile.
 *   <li>Entries of a node that stops refreshing them expire (engines with shared state; the memory
 *       engine lives and dies with its node) and are then neither counted nor paged.
 *   <li>Futures may complete on any thread; every one fails if the engine is unreachable.
 * </ul>
 */
public interface PresenceStore {

  /** Most entries one {@link #page} call returns, whatever the caller asks. */
  int MAX_PAGE = 1000;

  /**
   * Adds or replaces the entry of {@code entry.connection()} in {@code room}; a replaced entry
   * moves to the page position of its new {@code joinedAt}.
   *
   * @param room the room name
   * @param entry the member's entry
   * @return whether the connection is new to the room, and the room's member count after it
   */
  Future<PresenceUpdate> add(String room, PresenceEntry entry);

  /**
   * Removes a connection from a room.
   *
   * @param room the room name
   * @param connection the connection id
   * @return whether the connection was present, and the room's member count after it
   */
  Future<PresenceUpdate> remove(String room, String connection);

  /**
   * How many live members the room has, cluster-wide.
   *
   * @param room the room name
   * @return the count; 0 for an unknown room
   */
  Future<Integer> count(String room);

  /**
   * One page of the room's live entries, oldest join first.
   *
   * @param room the room
   * @param cursor {@code null} for the first page, else a {@link PresencePage#next} of this room
   * @param limit most entries wanted, 0 to {@value #MAX_PAGE} (larger is treated as the maximum; 0
   *     returns only the count)
   * @return the page with the room's member count; {@link PresencePage#EMPTY} for an unknown room
   */
  Future<PresencePage> page(String room, String cursor, int limit);

  /**
   * Sets the node's one listener for entries that expired because their node stopped refreshing
   * them (it died): called with the room and the entry, once per entry cluster-wide, on a node that
   * still has members in that room, so the gateway can broadcast the leave nobody else will.
   * Engines whose entries cannot outlive their node (the memory engine) never call it.
   *
   * @param listener replaces any previous one; called on an engine thread (Redis: the refresh
   *     timer's), must not block
   */
  void onExpired(BiConsumer<String, PresenceEntry> listener);
}
