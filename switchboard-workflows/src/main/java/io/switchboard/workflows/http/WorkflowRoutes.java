package io.switchboard.workflows.http;

import io.switchboard.core.store.Store;
import io.switchboard.server.api.ApiKeyHandler;
import io.switchboard.server.api.BodyLimit;
import io.switchboard.workflows.flow.Completion;
import io.switchboard.workflows.flow.Listing;
import io.switchboard.workflows.flow.Outcome;
import io.switchboard.workflows.flow.Transitions;
import io.switchboard.workflows.model.Keys;
import io.switchboard.workflows.model.WorkflowDoc;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The seed's workflow API (SPEC C3; seed 002; docs/workflows.md "HTTP"):
 *
 * <pre>
 * POST /api/v1/workflow/upload          user   {name, description, images[], category, price,
 *                                              metadata?, workflow_type?} → 202 {workflow_id, status, message}
 * GET  /api/v1/workflow/status?workflow_id=  user  → 200 workflow | 404
 * POST /api/v1/workflow/step-completed  API key {workflow_id, step_id, step_type, success, result?,
 *                                              error_msg?, attempt?} → 200 {success, message}
 * GET  /api/v1/workflow/list?status=&amp;type=&amp;from=&amp;to=&amp;limit=&amp;cursor=  user
 *                                              → 200 {workflows, count, next_cursor}
 * POST /api/v1/workflow/cancel?workflow_id=  user → 200 {success, workflow_id, status, message}
 * </pre>
 *
 * A user sees and cancels only their workflows (another user's is 404, as an unknown one) unless
 * their role claim holds {@code workflows.adminRole}. Bodies over {@code server.maxBodyBytes} get
 * 413, bad ones 400 naming the field, a missing or invalid token 401, a missing API key 401 (503
 * with no {@code api.keys} configured), an unreachable store 503. Handlers never block.
 */
public final class WorkflowRoutes {
  private static final String BASE = "/api/v1/workflow/";

  private final UserAuth auth;
  private final Store store;
  private final Transitions transitions;
  private final ListParams listParams;
  private final Listing listing;
  private final List<String> apiKeys;
  private final int maxBodyBytes;

  /**
   * @param verifier verifies user tokens
   * @param allowedOrigins {@code server.allowedOrigins} (for the token cookie)
   * @param roleClaim {@code workflows.roleClaim}
   * @param adminRole {@code workflows.adminRole}
   * @param apiKeys {@code api.keys}, for step-completed
   * @param maxBodyBytes {@code server.maxBodyBytes}
   * @param listLimit {@code workflows.listLimit}
   * @param store the store
   * @param transitions runs the transitions
   * @param listing lists
   */
  public WorkflowRoutes(
      io.switchboard.server.auth.TokenVerifier verifier,
      List<String> allowedOrigins,
      String roleClaim,
      String adminRole,
      List<String> apiKeys,
      int maxBodyBytes,
      int listLimit,
      Store store,
      Transitions transitions,
      Listing listing) {
    this.auth = new UserAuth(verifier, allowedOrigins, roleClaim, adminRole);
    this.apiKeys = apiKeys;
    this.maxBodyBytes = maxBodyBytes;
    this.store = store;
    this.transitions = transitions;
    this.listParams = new ListParams(listLimit);
    this.listing = listing;
  }

  /** Mounts the routes on {@code router}. */
  public void mount(Router router) {
    router.post(BASE + "step-completed").handler(new ApiKeyHandler(apiKeys));
    BodyLimit.mount(
        router,
        BASE + "*",
        maxBodyBytes,
        "server.maxBodyBytes",
        BASE + "upload",
        BASE + "step-completed",
        BASE + "cancel");
    router.post(BASE + "upload").handler(this::upload);
    router.get(BASE + "status").handler(this::status);
    router.post(BASE + "step-completed").handler(this::stepCompleted);
    router.get(BASE + "list").handler(this::list);
    router.post(BASE + "cancel").handler(this::cancel);
  }

  private void upload(RoutingContext rc) {
    auth.viewer(rc)
        .compose(
            viewer -> {
              Upload u = Upload.parse(Replies.body(rc));
              String type = u.type() == null ? transitions.definitions().defaultType() : u.type();
              return transitions.start(viewer.user(), type, u.productData());
            })
        .onSuccess(
            o ->
                reply(
                    rc,
                    o,
                    new JsonObject()
                        .put("workflow_id", o.workflowId())
                        .put("status", o.workflowStatus())
                        .put("message", o.message())))
        .onFailure(e -> Replies.fail(rc, e));
  }

  private void status(RoutingContext rc) {
    auth.viewer(rc)
        .compose(
            viewer -> {
              String id = ListParams.workflowId(rc, null);
              return store
                  .get(Keys.WORKFLOWS, id)
                  .map(d -> d == null ? null : new JsonObject(d.json()))
                  .map(doc -> viewer.sees(doc) ? doc : null);
            })
        .onSuccess(
            doc -> {
              if (doc == null) {
                Replies.error(rc, 404, "workflow_not_found", "workflow not found");
              } else {
                Replies.json(rc, 200, WorkflowDoc.publicView(doc));
              }
            })
        .onFailure(e -> Replies.fail(rc, e));
  }

  private void stepCompleted(RoutingContext rc) {
    Future.succeededFuture()
        .compose(v -> transitions.complete(Completion.parse(Replies.body(rc))))
        .onSuccess(
            o -> reply(rc, o, new JsonObject().put("success", true).put("message", o.message())))
        .onFailure(e -> Replies.fail(rc, e));
  }

  private void list(RoutingContext rc) {
    auth.viewer(rc)
        .compose(viewer -> listing.list(viewer, listParams.parse(rc)))
        .onSuccess(page -> Replies.json(rc, 200, page))
        .onFailure(e -> Replies.fail(rc, e));
  }

  private void cancel(RoutingContext rc) {
    auth.viewer(rc)
        .compose(
            viewer -> {
              var raw = rc.body().buffer();
              JsonObject body = raw == null || raw.length() == 0 ? null : Replies.body(rc);
              return transitions.cancel(ListParams.workflowId(rc, body), viewer);
            })
        .onSuccess(
            o ->
                reply(
                    rc,
                    o,
                    new JsonObject()
                        .put("success", true)
                        .put("workflow_id", o.workflowId())
                        .put("status", o.workflowStatus())
                        .put("message", o.message())))
        .onFailure(e -> Replies.fail(rc, e));
  }

  private static void reply(RoutingContext rc, Outcome o, JsonObject ok) {
    if (o.succeeded()) {
      Replies.json(rc, o.status(), ok);
    } else {
      Replies.refused(rc, o);
    }
  }
}
