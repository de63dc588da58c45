package io.switchboard.server.gateway;

import io.switchboard.server.auth.Principal;
import io.vertx.core.Future;

/**
 * A capability's check of who may join the rooms of one namespace, run after the namespace's own
 * {@code join} access (SPEC C3: "a user sees only the workflows they started unless their role says
 * otherwise", for the room {@code workflow:<id>}). Registered with {@link Gateway#guard}; one per
 * namespace.
 */
@FunctionalInterface
public interface RoomGuard {

  /**
   * Decides a join.
   *
   * @param principal the joining connection's identity
   * @param room the room, in the guarded namespace
   * @return succeeds to let the join go on; fails with a {@link
   *     io.switchboard.server.room.RequestException} ({@code forbidden}, …) sent as the join's
   *     {@code error}, any other failure answers {@code unavailable}
   */
  Future<Void> allow(Principal principal, String room);
}
