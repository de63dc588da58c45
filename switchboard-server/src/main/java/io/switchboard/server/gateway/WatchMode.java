package io.switchboard.server.gateway;

import io.switchboard.server.auth.Principal;
import io.switchboard.server.room.RequestException;
import io.vertx.core.Future;

/**
 * A capability's own dialect on {@code /ws} (SPEC C3: {@code GET /ws?workflow_id=} speaks seed
 * 002's frames beside {@code switchboard.v1}): a WebSocket whose handshake carries the query
 * parameter {@link #parameter()} follows one room and receives each of its publications' {@code
 * data} as a text frame of its own, preceded by {@link #firstFrame}. The token is checked as for
 * any {@code /ws} connection (header, cookie or {@code token} query parameter); what the client
 * sends is rate limited and otherwise ignored; heartbeats are WebSocket pings, which browsers
 * answer by themselves. Registered with {@link Gateway#watch}.
 */
public interface WatchMode {

  /**
   * The query parameter that selects this dialect, e.g. {@code workflow_id}; its value names what
   * is watched.
   */
  String parameter();

  /**
   * Decides whether {@code principal} may watch {@code value}.
   *
   * @return the room to follow (its namespace must exist); failed with a {@link RequestException}
   *     whose code and message {@link #refusal} turns into the last frame before the close
   */
  Future<String> room(Principal principal, String value);

  /**
   * The frame sent once the socket follows the room (the current state), read after the join so
   * that nothing published between the two is missed: a publication that raced it arrives before
   * and is contained in it.
   *
   * @return one JSON object, UTF-8
   */
  Future<byte[]> firstFrame(Principal principal, String value);

  /**
   * The frame sent before a refused watch is closed (code 1008).
   *
   * @param e why: {@code not_found}, {@code forbidden}, {@code unauthorized}, {@code unavailable}
   * @return one JSON object, UTF-8
   */
  byte[] refusal(String value, RequestException e);
}
