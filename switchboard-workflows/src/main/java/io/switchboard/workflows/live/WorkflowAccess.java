package io.switchboard.workflows.live;

import io.switchboard.core.room.RoomName;
import io.switchboard.core.store.Store;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.gateway.RoomGuard;
import io.switchboard.server.gateway.WatchMode;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;
import io.switchboard.workflows.model.Keys;
import io.switchboard.workflows.model.Viewer;
import io.switchboard.workflows.model.WorkflowDoc;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Who may follow a workflow live (SPEC C3; issue 9 points 1 and 6): its owner, or a user whose
 * {@code workflows.roleClaim} holds {@code workflows.adminRole}. Guards the native room {@code
 * workflow:<id>} (an unknown workflow is refused like another user's, {@code forbidden}, so ids
 * cannot be probed) and serves the seed's watch socket {@code GET /ws?workflow_id=}: the current
 * state first, as {@code {type: "workflow_status", workflow_id, data: {workflow}, message}}, then
 * the room's frames ({@link LiveFrames}) as they are; an unknown or foreign workflow gets {@code
 * {type: "error", workflow_id, data: {code: "not_found"}, message}} and close 1008. The store is
 * read at each join and watch.
 */
public final class WorkflowAccess implements RoomGuard, WatchMode {
  private final Store store;
  private final String roleClaim;
  private final String adminRole;

  /**
   * @param store the store holding {@link Keys#WORKFLOWS}
   * @param roleClaim {@code workflows.roleClaim}
   * @param adminRole {@code workflows.adminRole}
   */
  public WorkflowAccess(Store store, String roleClaim, String adminRole) {
    this.store = store;
    this.roleClaim = roleClaim;
    this.adminRole = adminRole;
  }

  @Override
  public Future<Void> allow(Principal principal, String room) {
    String id = room.substring(RoomName.namespace(room).length() + 1);
    return visible(principal, id)
        .compose(
            doc ->
                doc != null
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        new RequestException(ErrorCode.FORBIDDEN, "not allowed to join " + room)));
  }

  @Override
  public String parameter() {
    return "workflow_id";
  }

  @Override
  public Future<String> room(Principal principal, String workflowId) {
    if (!principal.authenticated()) {
      return Future.failedFuture(
          new RequestException(ErrorCode.UNAUTHORIZED, "a user token is required"));
    }
    return visible(principal, workflowId)
        .compose(
            doc ->
                doc != null
                    ? Future.succeededFuture(LiveFrames.room(workflowId))
                    : Future.failedFuture(
                        new RequestException(
                            ErrorCode.NOT_FOUND, "workflow " + workflowId + " not found")));
  }

  @Override
  public Future<byte[]> firstFrame(Principal principal, String workflowId) {
    return store
        .get(Keys.WORKFLOWS, workflowId)
        .map(
            doc ->
                new Frame(
                        "workflow_status",
                        new JsonObject()
                            .put("workflow", WorkflowDoc.publicView(new JsonObject(doc.json()))),
                        "current state")
                    .toJson(workflowId)
                    .encode()
                    .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] refusal(String workflowId, RequestException e) {
    return new Frame("error", new JsonObject().put("code", e.code().wire()), e.getMessage())
        .toJson(workflowId)
        .encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The workflow document if {@code principal} may see it, else {@code null}. */
  private Future<JsonObject> visible(Principal principal, String workflowId) {
    if (!principal.authenticated() || !Keys.validId(workflowId)) {
      return Future.succeededFuture(null);
    }
    Viewer viewer = Viewer.of(principal.user(), principal.claims(), roleClaim, adminRole);
    return store
        .get(Keys.WORKFLOWS, workflowId)
        .map(d -> d == null ? null : new JsonObject(d.json()))
        .map(doc -> viewer.sees(doc) ? doc : null);
  }
}
