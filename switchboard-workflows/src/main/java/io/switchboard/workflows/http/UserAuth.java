package io.switchboard.workflows.http;

import io.switchboard.server.auth.TokenVerifier;
import io.switchboard.workflows.model.Viewer;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The user of a workflow request (SPEC C1 "Authentication", applied to C3 as the commands API
 * does): the JWT from {@code Authorization: Bearer} or the {@code token} cookie (only from an
 * allowed origin), verified like a WebSocket token, never from the query string. The token's role
 * claim decides whether the user is an admin ({@link Viewer}).
 */
final class UserAuth {
  private final TokenVerifier verifier;
  private final List<String> allowedOrigins;
  private final String roleClaim;
  private final String adminRole;

  UserAuth(
      TokenVerifier verifier, List<String> allowedOrigins, String roleClaim, String adminRole) {
    this.verifier = verifier;
    this.allowedOrigins = allowedOrigins;
    this.roleClaim = roleClaim;
    this.adminRole = adminRole;
  }

  /**
   * @return the viewer; failed with {@link io.switchboard.server.auth.AuthException} (401) without
   *     a valid token
   */
  Future<Viewer> viewer(RoutingContext rc) {
    return verifier
        .verifyUser(rc.request().headers(), allowedOrigins)
        .map(p -> Viewer.of(p.user(), p.claims(), roleClaim, adminRole));
  }
}
