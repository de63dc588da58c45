package io.switchboard.commands.http;

import io.switchboard.server.auth.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The user of a commands or queries request (SPEC C1 "Authentication", applied to C2): the JWT from
 * the {@code token} cookie (only from an allowed origin, as for {@code /ws}, so another site cannot
 * post commands with a visitor's cookie) or {@code Authorization: Bearer}, verified like a
 * WebSocket token. Tokens in the query string are not read here (they end in access logs). No
 * anonymous user: a command and a query always have one.
 */
final class UserAuth {
  private final TokenVerifier verifier;
  private final List<String> allowedOrigins;

  UserAuth(TokenVerifier verifier, List<String> allowedOrigins) {
    this.verifier = verifier;
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * @return the user ({@code sub}); failed with {@link io.switchboard.server.auth.AuthException}
   *     (401) without a valid token
   */
  Future<String> user(RoutingContext rc) {
    return verifier.verifyUser(rc.request().headers(), allowedOrigins).map(p -> p.user());
  }
}
