package io.switchboard.core.room;

import io.vertx.core.Future;

/**
 * Engine port: each room's stream of publications, with offsets, an epoch and bounded history;
 * publishing also fans the publication out to every node (SPEC "Engines", C1).
 *
 * <p>Contract, shared by every engine and checked by {@code RoomHistoryContract}:
 *
 * <ul>
 *   <li><b>Atomic publish.</b> {@link #publish} assigns the next offset, appends the publication to
 *       the history and publishes a {@link
 *       io.switchboard.core.pubsub.BusMessage.PublicationMessage} on the room's channel of the same
 *       engine's {@link io.switchboard.core.pubsub.PubSub} as one step: no other publication of the
 *       room can take an offset in between, so every subscribed node receives a room's publications
 *       in offset order (Centrifugo's publish script; seed 003 had no offsets at all).
 *   <li><b>Offsets.</b> The first publication of an epoch has offset 1, each next one the previous
 *       plus one. Offsets are never reused within an epoch.
 *   <li><b>Epoch.</b> A stream's epoch stays the same as long as its history is intact. When the
 *       engine loses the stream's state (expiry of its metadata, a restart of a store that keeps
 *       nothing), the next publish or read starts a new epoch, so a client recovering with an old
 *       epoch is told {@code recovered: false} instead of silently missing events.
 *   <li><b>Bounded history.</b> The newest {@link HistoryOptions#size()} publications are kept (not
 *       the oldest, which seed 003 kept), and they expire {@link HistoryOptions#ttl()} after the
 *       room's last publish. The epoch and top offset outlive the history.
 *   <li><b>Futures</b> may complete on any thread (the memory engine: before the call returns);
 *       callers that touch state confined to an event loop move back to it.
 * </ul>
 */
public interface RoomHistory {

  /**
   * Publishes to a room: next offset, append, fan-out, atomically.
   *
   * @param room the room name ({@code namespace:rest}); the pub/sub channel has the same name
   * @param draft the event name, raw JSON data and publisher
   * @param options history size and TTL of the room's namespace
   * @return the publication with its assigned offset and timestamp; failed with the engine's error
   *     (e.g. a {@link java.util.concurrent.TimeoutException} from a Redis command timeout) if the
   *     engine is unreachable, in which case nothing was appended or fanned out
   */
  Future<Publication> publish(String room, PublicationDraft draft, HistoryOptions options);

  /**
   * Reads a room's position and its retained publications with offset greater than {@code
   * afterOffset}, oldest first. A room never published to reads as offset 0 in a fresh epoch, and
   * that epoch is kept for the room's next publish.
   *
   * @param room the room name
   * @param afterOffset return publications strictly after this offset; 0 for all retained, {@link
   *     Long#MAX_VALUE} for the position only
   * @return the page; failed with the engine's error if the engine is unreachable
   */
  Future<HistoryPage> read(String room, long afterOffset);
}
