package io.switchboard.edge.http;

import io.switchboard.edge.tokens.AccessTokens;
import io.switchboard.edge.tokens.InvalidTokenException;
import io.switchboard.edge.tokens.RefreshTokens;
import io.switchboard.edge.users.Users;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Refresh and logout (SPEC C5; issue 11 point 1; docs/edge.md "Refresh tokens"):
 *
 * <pre>
 * POST /api/v1/auth/refresh {refreshToken}  public (the token is the credential)
 *        → 200 {token, refreshToken, user, expiresIn} | 401 unauthorized
 * POST /api/v1/auth/logout {refreshToken}   public → 204 (the token is revoked; unknown: ignored)
 * </pre>
 */
final class Sessions {
  private final Users users;
  private final AccessTokens tokens;
  private final RefreshTokens refresh;

  Sessions(Users users, AccessTokens tokens, RefreshTokens refresh) {
    this.users = users;
    this.tokens = tokens;
    this.refresh = refresh;
  }

  void refresh(RoutingContext rc) {
    String token;
    try {
      token = Replies.text(Replies.body(rc), "refreshToken");
    } catch (BadRequestException e) {
      Replies.fail(rc, e);
      return;
    }
    refresh
        .rotate(token)
        .compose(
            r ->
                users
                    .byId(r.userId())
                    .compose(
                        s ->
                            s == null
                                ? Future.failedFuture(new InvalidTokenException("no such user"))
                                : Future.succeededFuture(
                                    new JsonObject()
                                        .put("token", tokens.issue(s.user()))
                                        .put("refreshToken", r.next())
                                        .put("user", s.user().publicJson())
                                        .put("expiresIn", tokens.ttlSeconds()))))
        .onSuccess(body -> Replies.json(rc, 200, body))
        .onFailure(e -> Replies.fail(rc, e));
  }

  void logout(RoutingContext rc) {
    String token;
    try {
      token = Replies.text(Replies.body(rc), "refreshToken");
    } catch (BadRequestException e) {
      Replies.fail(rc, e);
      return;
    }
    refresh
        .revoke(token)
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(e -> Replies.fail(rc, e));
  }
}
