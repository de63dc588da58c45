package io.switchboard.edge.http;

import io.switchboard.core.store.StoreConflictException;
import io.switchboard.edge.tokens.AccessTokens;
import io.switchboard.edge.tokens.InvalidTokenException;
import io.switchboard.edge.users.User;
import io.switchboard.edge.users.Users;
import io.switchboard.server.api.ApiKeyHandler;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code PUT /api/v1/auth/users/{id}/role {role}} (SPEC C5 "roles"; issue 11 point 1: "the role is
 * set only by an admin, never by the registering user"; docs/edge.md "Roles"). The caller is an
 * admin (a bearer access token whose user is an {@code admin} in the store now, not merely in the
 * token) or a backend with a server API key (how the first admin is made). Answers 200 with the
 * user; 400 for a role other than {@code user}, {@code admin}, {@code service}; 401 without a valid
 * credential; 403 for a signed-in user who is not an admin; 404 for an unknown user; 409 when the
 * user changed meanwhile. The new role is in the user's next access token (login or refresh);
 * tokens already issued keep theirs until they expire ({@code edge.accessTtl}).
 */
final class RoleRoute {
  private final Users users;
  private final AccessTokens tokens;
  private final ApiKeyHandler keys;
  private final Clock clock;

  RoleRoute(Users users, AccessTokens tokens, ApiKeyHandler keys, Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.keys = keys;
    this.clock = clock;
  }

  void handle(RoutingContext rc) {
    caller(rc)
        .compose(
            allowed -> {
              if (!allowed) {
                Replies.error(rc, 403, "forbidden", "only an admin sets roles");
                return Future.succeededFuture();
              }
              String role = Replies.text(Replies.body(rc), "role");
              if (!User.ROLES.contains(role)) {
                throw new BadRequestException("role must be one of user, admin, service");
              }
              return users.byId(rc.pathParam("id")).compose(stored -> set(rc, stored, role));
            })
        .onFailure(e -> Replies.fail(rc, e));
  }

  private Future<Void> set(RoutingContext rc, Users.Stored stored, String role) {
    if (stored == null) {
      Replies.error(rc, 404, "not_found", "no such user");
      return Future.succeededFuture();
    }
    User changed = stored.user().withRole(role, clock.instant());
    return users
        .update(changed, stored.revision())
        .onSuccess(v -> Replies.json(rc, 200, changed.publicJson()))
        .recover(
            e -> {
              if (e instanceof StoreConflictException) {
                Replies.error(rc, 409, "conflict", "the user changed meanwhile; try again");
                return Future.succeededFuture();
              }
              return Future.failedFuture(e);
            });
  }

  /** Whether the caller may set roles; failed with 401 when it shows no valid credential. */
  private Future<Boolean> caller(RoutingContext rc) {
    if (keys.keyIndex(rc.request()) >= 0) {
      return Future.succeededFuture(true);
    }
    String header = rc.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(new InvalidTokenException("token required"));
    }
    return tokens
        .verify(header.substring(7).strip())
        .compose(claims -> users.byId(claims.getString("sub")))
        .compose(
            s ->
                s == null
                    ? Future.failedFuture(new InvalidTokenException("no such user"))
                    : Future.succeededFuture("admin".equals(s.user().role())));
  }
}
