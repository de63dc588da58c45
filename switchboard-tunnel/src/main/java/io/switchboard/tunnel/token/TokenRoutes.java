package io.switchboard.tunnel.token;

import io.switchboard.server.api.ApiErrors;
import io.switchboard.tunnel.wire.Envelope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project token routes of the server API (SPEC C4; issue 10 point 3), behind the server API key
 * like every {@code /api/v1/server} route:
 *
 * <ul>
 *   <li>{@code POST /api/v1/server/projects/{project}/tokens} → 201 {@code {project_id, token_id,
 *       token}}: the token is shown this once;
 *   <li>{@code GET /api/v1/server/projects/{project}/tokens} → 200 {@code {project_id, tokens:
 *       [{token_id, created_at}]}};
 *   <li>{@code DELETE /api/v1/server/projects/{project}/tokens/{token_id}} → 204, and every
 *       controller connected with it is closed (4003) on every node at once; 404 {@code not_found}
 *       for an unknown token.
 * </ul>
 *
 * A bad project id is a 400; the store unreachable a 503.
 */
public final class TokenRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);
  private static final String BASE = "/api/v1/server/projects/:project/tokens";
  private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{1,64}");

  private final ProjectTokens tokens;
  private final Function<JsonObject, Future<Void>> revoked;

  /**
   * @param tokens the store of token hashes
   * @param revoked announces a revocation {@code {project_id, token_id}} to every node
   */
  public TokenRoutes(ProjectTokens tokens, Function<JsonObject, Future<Void>> revoked) {
    this.tokens = tokens;
    this.revoked = revoked;
  }

  /** Mounts the routes (the server API mounted its key check on {@code /api/v1/server/*}). */
  public void mount(Router router) {
    router.post(BASE).handler(this::issue);
    router.get(BASE).handler(this::list);
    router.delete(BASE + "/:tokenId").handler(this::revoke);
  }

  private void issue(RoutingContext rc) {
    String project = project(rc);
    if (project != null) {
      reply(
          rc,
          tokens.issue(project),
          t ->
              rc.response()
                  .setStatusCode(201)
                  .putHeader("Content-Type", "application/json")
                  .end(
                      new JsonObject()
                          .put("project_id", project)
                          .put("token_id", t.tokenId())
                          .put("token", t.token())
                          .encode()));
    }
  }

  private void list(RoutingContext rc) {
    String project = project(rc);
    if (project != null) {
      reply(
          rc,
          tokens.list(project),
          list ->
              rc.response()
                  .putHeader("Content-Type", "application/json")
                  .end(new JsonObject().put("project_id", project).put("tokens", list).encode()));
    }
  }

  private void revoke(RoutingContext rc) {
    String project = project(rc);
    String tokenId = rc.pathParam("tokenId");
    if (project == null) {
      return;
    }
    if (!TOKEN_ID.matcher(tokenId).matches()) {
      ApiErrors.send(rc, 404, "not_found", "no such token");
      return;
    }
    Future<Boolean> done =
        tokens
            .revoke(project, tokenId)
            .compose(
                existed ->
                    existed
                        ? revoked
                            .apply(
                                new JsonObject()
                                    .put("project_id", project)
                                    .put("token_id", tokenId))
                            .map(true)
                        : Future.succeededFuture(false));
    reply(
        rc,
        done,
        existed -> {
          if (existed) {
            rc.response().setStatusCode(204).end();
          } else {
            ApiErrors.send(rc, 404, "not_found", "no such token");
          }
        });
  }

  private static String project(RoutingContext rc) {
    String project = rc.pathParam("project");
    if (project == null || !Envelope.PROJECT_ID.matcher(project).matches()) {
      ApiErrors.send(
          rc,
          400,
          "bad_request",
          "the project id must be 1 to 200 of letters, digits and _ . : @ -");
      return null;
    }
    return project;
  }

  private static <T> void reply(
      RoutingContext rc, Future<T> work, java.util.function.Consumer<T> answer) {
    work.onSuccess(answer::accept)
        .onFailure(
            e -> {
              LOG.warn("project token route failed: {}", e.toString());
              ApiErrors.send(rc, 503, "unavailable", "the store is unreachable");
            });
  }
}
