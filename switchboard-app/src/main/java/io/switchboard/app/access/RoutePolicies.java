package io.switchboard.app.access;

import static io.switchboard.app.access.RoutePolicy.ADMIN;
import static io.switchboard.app.access.RoutePolicy.FILTER;
import static io.switchboard.app.access.RoutePolicy.PUBLIC;
import static io.switchboard.app.access.RoutePolicy.SECRET_HEADER;
import static io.switchboard.app.access.RoutePolicy.SERVER_KEY;
import static io.switchboard.app.access.RoutePolicy.USER;

import java.util.Map;
import java.util.TreeMap;

/**
 * The policy of every HTTP route a node can mount, in one place (SPEC C5; issue 11 point 2): keys
 * are {@code "METHOD path"} as {@code SwitchboardServer#routes()} lists them ({@code ANY} for a
 * route of every method, a prefix route without its {@code *}). {@code RoutePolicyIT} fails when a
 * mounted route is missing here, and calls every non-public one without credentials, with forged
 * ones and with expired ones, expecting 401 or 403; docs/routes.md lists the same table.
 */
public final class RoutePolicies {
  private RoutePolicies() {}

  /** Every route and its policy. */
  public static final Map<String, RoutePolicy> TABLE = table();

  private static Map<String, RoutePolicy> table() {
    Map<String, RoutePolicy> t = new TreeMap<>();
    // operations and the WebSocket upgrade (the upgrade checks the client token itself)
    t.put("GET /health", PUBLIC);
    t.put("GET /health/ready", PUBLIC);
    t.put("GET /metrics", PUBLIC);
    t.put("GET /ws", PUBLIC);
    // server API (SPEC C1): backends with the API key
    t.put("ANY /api/v1/server/", SERVER_KEY);
    t.put("POST /api/v1/server/rooms/:room/publications", SERVER_KEY);
    t.put("GET /api/v1/server/rooms/:room/presence", SERVER_KEY);
    t.put("GET /api/v1/server/rooms/:room/history", SERVER_KEY);
    t.put("PUT /api/v1/server/rooms/:room/snapshot", SERVER_KEY);
    t.put("GET /api/v1/server/rooms/:room/snapshot", SERVER_KEY);
    t.put("POST /api/v1/server/users/:user/notifications", SERVER_KEY);
    t.put("POST /api/v1/server/users/:user/disconnect", SERVER_KEY);
    // commands and queries (SPEC C2): users; event appends and projections: backends
    t.put("POST /api/v1/commands/:type", USER);
    t.put("GET /api/v1/commands/:id", USER);
    t.put("GET /api/v1/queries/:name", USER);
    t.put("GET /api/v1/queries/:name/:key", USER);
    t.put("ANY /api/v1/streams/", SERVER_KEY);
    t.put("POST /api/v1/streams/:stream/events", SERVER_KEY);
    t.put("ANY /api/v1/projections/", SERVER_KEY);
    t.put("GET /api/v1/projections/:name", SERVER_KEY);
    t.put("POST /api/v1/projections/:name/rebuild", SERVER_KEY);
    // workflows (SPEC C3): users (admins see all); step completions: worker services
    t.put("ANY /api/v1/workflow/", FILTER);
    t.put("POST /api/v1/workflow/upload", USER);
    t.put("GET /api/v1/workflow/status", USER);
    t.put("GET /api/v1/workflow/list", USER);
    t.put("POST /api/v1/workflow/cancel", USER);
    t.put("POST /api/v1/workflow/step-completed", SERVER_KEY);
    // the tunnel (SPEC C4): backends; controllers use /event/ws with a project token
    t.put("POST /event/send", SERVER_KEY);
    t.put("POST /api/v1/server/projects/:project/tokens", SERVER_KEY);
    t.put("GET /api/v1/server/projects/:project/tokens", SERVER_KEY);
    t.put("DELETE /api/v1/server/projects/:project/tokens/:tokenId", SERVER_KEY);
    // users and sign-in (SPEC C5): the credential is the body (password, refresh token) or a token
    t.put("ANY /api/v1/auth/", FILTER);
    t.put("POST /api/v1/auth/register", PUBLIC);
    t.put("POST /api/v1/auth/login", PUBLIC);
    t.put("POST /api/v1/auth/validate", PUBLIC);
    t.put("POST /api/v1/auth/refresh", PUBLIC);
    t.put("POST /api/v1/auth/logout", PUBLIC);
    t.put("GET /api/v1/auth/profile", USER);
    t.put("PUT /api/v1/auth/users/:id/role", ADMIN);
    t.put("GET /.well-known/jwks.json", PUBLIC);
    // webhooks and Telegram (SPEC C5; issue 11 point 3)
    t.put("POST /api/v1/server/webhooks", SERVER_KEY);
    t.put("GET /api/v1/server/webhooks", SERVER_KEY);
    t.put("GET /api/v1/server/webhooks/:id", SERVER_KEY);
    t.put("DELETE /api/v1/server/webhooks/:id", SERVER_KEY);
    t.put("GET /api/v1/server/webhooks/:id/dead-letters", SERVER_KEY);
    t.put("POST /api/v1/server/webhooks/:id/dead-letters/redeliver", SERVER_KEY);
    t.put("POST /api/v1/telegram/webhook", SECRET_HEADER);
    t.put("GET /api/v1/server/telegram", SERVER_KEY);
    // the live dashboard (SPEC C5; issue 12): the page holds no data; its API is for admins
    t.put("GET /dashboard", PUBLIC);
    t.put("GET /dashboard/", PUBLIC);
    // the example pages (examples/chat.html; issue 12 point 4): static files, no data
    t.put("GET /examples/", PUBLIC);
    t.put("GET /api/v1/dashboard/overview", ADMIN);
    t.put("POST /api/v1/dashboard/socket-token", ADMIN);
    t.put("GET /api/v1/dashboard/rooms/:room", ADMIN);
    t.put("POST /api/v1/dashboard/rooms/:room/publications", ADMIN);
    return java.util.Collections.unmodifiableMap(t);
  }
}
