package io.switchboard.core.presence;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Engine port: who is in each room, across every node (SPEC "Engines", presence).
 *
 * <p>Contract, checked by {@code PresenceStoreContract}: entries are keyed by room and
 * connection id; {@link #add} and {@link #remove} are idempotent; {@link #list} reflects every
 * add and remove whose future completed before the list was called. Entries of a node that
 * stops refreshing them expire (engines with shared state; the memory engine lives and dies
 * with its node).
 */
public interface PresenceStore {

  /** Adds or replaces the entry of {@code entry.connection()} in {@code room}. */
  Future<Void> add(String room, PresenceEntry entry);

  /**
   * Removes a connection from a room.
   *
   * @return {@code true} if the connection was present
   */
  Future<Boolean> remove(String room, String connection);

  /** Every live entry of the room, oldest join first; an empty list for an unknown room. */
  Future<List<PresenceEntry>> list(String room);

  /**
   * Sets the node's one listener for entries that expired because their node stopped refreshing
   * them (it died): called with the room and the entry, once per entry cluster-wide, on a node
   * that still has members in that room, so the gateway can broadcast the leave nobody else
   * will. Engines whose entries cannot outlive their node (the memory engine) never call it.
   */
  void onExpired(BiConsumer<String, PresenceEntry> listener);
}
