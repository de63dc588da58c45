package io.switchboard.dashboard.http;

import io.switchboard.server.api.ApiKeyHandler;
import io.switchboard.server.auth.AuthException;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.auth.TokenVerifier;
import io.switchboard.server.gateway.RoomGuard;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Who may use the dashboard (issue 12 point 2: "an admin token or the server API key"): a server
 * API key ({@code X-API-Key} or {@code Authorization: apikey}), or a JWT the node verifies ({@link
 * TokenVerifier}: edge sign-in tokens, {@code auth.*} tokens, the dashboard's socket tokens) whose
 * {@code role} claim is {@code admin} or whose {@code roles} claim holds it. The same rule guards
 * joins of namespace {@code sys} (the stats rooms) on {@code /ws}.
 */
public final class AdminAccess implements RoomGuard {
  /** The role an admin's token carries. */
  public static final String ADMIN = "admin";

  private final ApiKeyHandler keys;
  private final TokenVerifier verifier;
  private final List<String> origins;

  /**
   * @param keys the node's API keys
   * @param verifier the node's token verifier
   * @param origins {@code server.allowedOrigins} (the token cookie's rule)
   */
  public AdminAccess(ApiKeyHandler keys, TokenVerifier verifier, List<String> origins) {
    this.keys = keys;
    this.verifier = verifier;
    this.origins = origins;
  }

  /** Who called: the key or an admin. */
  public enum Caller {
    /** A backend with a server API key. */
    SERVER_KEY,
    /** A user whose token says admin. */
    ADMIN
  }

  /**
   * The caller of {@code rc}.
   *
   * @return the caller; failed with {@link AuthException} (401) without a valid credential, or
   *     {@link RequestException} {@code forbidden} (403) for a valid token that is not an admin's
   */
  public Future<Caller> caller(RoutingContext rc) {
    if (keys.keyIndex(rc.request()) >= 0) {
      return Future.succeededFuture(Caller.SERVER_KEY);
    }
    return verifier
        .verifyUser(rc.request().headers(), origins)
        .compose(
            p ->
                isAdmin(p)
                    ? Future.succeededFuture(Caller.ADMIN)
                    : Future.failedFuture(
                        new RequestException(ErrorCode.FORBIDDEN, "the dashboard is for admins")));
  }

  @Override
  public Future<Void> allow(Principal principal, String room) {
    return isAdmin(principal)
        ? Future.succeededFuture()
        : Future.failedFuture(
            new RequestException(ErrorCode.FORBIDDEN, "not allowed to join " + room));
  }

  /** Whether {@code p}'s token says admin ({@code role} or {@code roles}). */
  static boolean isAdmin(Principal p) {
    if (!p.authenticated()) {
      return false;
    }
    if (ADMIN.equals(p.claims().getValue("role"))) {
      return true;
    }
    return p.claims().getValue("roles") instanceof JsonArray roles && roles.contains(ADMIN);
  }
}
