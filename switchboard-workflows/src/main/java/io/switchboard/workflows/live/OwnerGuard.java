package io.switchboard.workflows.live;

import io.switchboard.core.room.RoomName;
import io.switchboard.core.store.Store;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.room.JoinGuard;
import io.switchboard.workflows.model.Keys;
import io.switchboard.workflows.model.Viewer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Lets only a workflow's owner, or a user with the admin role, join {@code workflow:<id>} (SPEC C3;
 * issue 9 point 6): reads the workflow from the store at each join; an unknown workflow is refused
 * like another user's ({@code forbidden}), so ids cannot be probed.
 */
public final class OwnerGuard implements JoinGuard {
  private final Store store;
  private final String roleClaim;
  private final String adminRole;

  /**
   * @param store the store holding {@link Keys#WORKFLOWS}
   * @param roleClaim {@code workflows.roleClaim}
   * @param adminRole {@code workflows.adminRole}
   */
  public OwnerGuard(Store store, String roleClaim, String adminRole) {
    this.store = store;
    this.roleClaim = roleClaim;
    this.adminRole = adminRole;
  }

  @Override
  public Future<Boolean> mayJoin(Principal principal, String room) {
    if (!principal.authenticated()) {
      return Future.succeededFuture(false);
    }
    String id = room.substring(RoomName.namespace(room).length() + 1);
    Viewer viewer = Viewer.of(principal.user(), principal.claims(), roleClaim, adminRole);
    return store
        .get(Keys.WORKFLOWS, id)
        .map(doc -> doc != null && viewer.sees(new JsonObject(doc.json())));
  }
}
