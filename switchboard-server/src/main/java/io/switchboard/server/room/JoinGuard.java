package io.switchboard.server.room;

import io.switchboard.server.auth.Principal;
import io.vertx.core.Future;

/**
 * A capability's extra join check for the rooms of one namespace, asked after the namespace's
 * {@code join} access allowed the connection (SPEC C3: a workflow's room {@code workflow:<id>} lets
 * only the workflow's owner in, which only the workflows capability can tell). Registered with
 * {@link io.switchboard.server.gateway.Gateway#guardJoins}.
 */
@FunctionalInterface
public interface JoinGuard {

  /**
   * Whether {@code principal} may join {@code room}. Must not block; may complete on any thread.
   *
   * @param principal the connection's identity (its {@code join} access already passed)
   * @param room a valid room name of the guarded namespace
   * @return {@code true} to let the join go on; {@code false} answers {@code forbidden}; a failure
   *     answers {@code unavailable}
   */
  Future<Boolean> mayJoin(Principal principal, String room);
}
