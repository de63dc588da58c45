package io.switchboard.commands.http;

import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.projection.ProjectionState;
import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Queries over projections (SPEC C2: RESTish GETs over projection tables; issue 8 point 5), with a
 * user token, reading the projection's active version:
 *
 * <pre>
 * GET /api/v1/queries/{name}?after=&amp;limit=  → 200 {items:[document…], next}   (key order; next: the
 *                                                 key to pass as after, null at the end)
 * GET /api/v1/queries/{name}/{key}            → 200 document | 404
 * </pre>
 *
 * {@code limit} is 1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT} (400 otherwise); 404
 * {@code not_found} for an unknown query. Every authenticated user may read every document of a
 * query (the board example is shared).
 */
final class QueryRoutes {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final UserAuth auth;
  private final Domain domain;
  private final Store store;

  QueryRoutes(UserAuth auth, Domain domain, Store store) {
    this.auth = auth;
    this.domain = domain;
    this.store = store;
  }

  void mount(Router router) {
    router.get("/api/v1/queries/:name").handler(this::page);
    router.get("/api/v1/queries/:name/:key").handler(this::one);
  }

  private void page(RoutingContext rc) {
    auth.user(rc)
        .compose(user -> collection(rc))
        .compose(
            c -> {
              String after = rc.queryParams().get("after");
              return store.list(c, after == null || after.isEmpty() ? null : after, limit(rc));
            })
        .onSuccess(
            page -> {
              JsonArray items = new JsonArray();
              page.documents().forEach(d -> items.add(new JsonObject(d.json())));
              Replies.json(rc, 200, new JsonObject().put("items", items).put("next", page.next()));
            })
        .onFailure(e -> Replies.fail(rc, e));
  }

  private void one(RoutingContext rc) {
    auth.user(rc)
        .compose(user -> collection(rc))
        .compose(c -> store.get(c, rc.pathParam("key")))
        .compose(
            (Document d) ->
                d == null
                    ? Future.failedFuture(
                        new CommandException(CommandError.NOT_FOUND, "no such document"))
                    : Future.succeededFuture(new JsonObject(d.json())))
        .onSuccess(doc -> Replies.json(rc, 200, doc))
        .onFailure(e -> Replies.fail(rc, e));
  }

  /** The active collection of the query's projection. */
  private Future<String> collection(RoutingContext rc) {
    String projection = domain.queryProjection(rc.pathParam("name"));
    if (projection == null) {
      return Future.failedFuture(new CommandException(CommandError.NOT_FOUND, "no such query"));
    }
    return store
        .get(ProjectionState.COLLECTION, projection)
        .map(doc -> ProjectionState.collection(projection, ProjectionState.of(doc).active()));
  }

  private static int limit(RoutingContext rc) {
    String text = rc.queryParams().get("limit");
    if (text == null || text.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new CommandException(
        CommandError.BAD_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
