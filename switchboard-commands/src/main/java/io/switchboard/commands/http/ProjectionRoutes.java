package io.switchboard.commands.http;

import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.domain.Projection;
import io.switchboard.commands.projection.ProjectionRebuild;
import io.switchboard.commands.projection.ProjectionState;
import io.switchboard.commands.projection.RebuildRunningException;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Projection administration (issue 8 point 5), with the server API key:
 *
 * <pre>
 * POST /api/v1/projections/{name}/rebuild → 202 {projection, version}   (the version being built)
 * GET  /api/v1/projections/{name}         → 200 {projection, active, building?, position?}
 * </pre>
 *
 * 404 for an unknown projection, 409 {@code rebuild_running} while a rebuild runs.
 */
final class ProjectionRoutes {
  private final Domain domain;
  private final Store store;
  private final ProjectionRebuild rebuild;

  ProjectionRoutes(Domain domain, Store store, ProjectionRebuild rebuild) {
    this.domain = domain;
    this.store = store;
    this.rebuild = rebuild;
  }

  void mount(Router router) {
    router.post("/api/v1/projections/:name/rebuild").handler(this::rebuild);
    router.get("/api/v1/projections/:name").handler(this::state);
  }

  private void rebuild(RoutingContext rc) {
    projection(rc)
        .compose(rebuild::start)
        .onSuccess(
            v ->
                Replies.json(
                    rc,
                    202,
                    new JsonObject().put("projection", rc.pathParam("name")).put("version", v)))
        .onFailure(
            e ->
                Replies.fail(
                    rc,
                    e instanceof RebuildRunningException r
                        ? new CommandException(CommandError.REBUILD_RUNNING, r.getMessage())
                        : e));
  }

  private void state(RoutingContext rc) {
    projection(rc)
        .compose(p -> store.get(ProjectionState.COLLECTION, p.name()))
        .map(ProjectionState::of)
        .onSuccess(
            s ->
                Replies.json(
                    rc,
                    200,
                    s.toJson()
                        .put("projection", rc.pathParam("name"))
                        .put("revision", s.revision())))
        .onFailure(e -> Replies.fail(rc, e));
  }

  private Future<Projection> projection(RoutingContext rc) {
    Projection p = domain.projection(rc.pathParam("name"));
    return p == null
        ? Future.failedFuture(new CommandException(CommandError.NOT_FOUND, "no such projection"))
        : Future.succeededFuture(p);
  }
}
