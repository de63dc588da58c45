package io.switchboard.app.access;

/** Who may call a route (SPEC C5, issue 11 point 2; docs/routes.md). */
public enum RoutePolicy {
  /** Anyone: liveness, readiness, metrics and the {@code /ws} upgrade (which checks its token). */
  PUBLIC,
  /** A user: a valid client JWT ({@code Authorization: Bearer}); 401 without, 403 when refused. */
  USER,
  /**
   * An admin: a user token whose user holds the {@code admin} role now, or a server API key; 401
   * without a valid credential, 403 for another role.
   */
  ADMIN,
  /** A backend: a server API key ({@code X-API-Key} or {@code Authorization: apikey}); 401. */
  SERVER_KEY,
  /**
   * A shared secret in a header, compared in constant time (the Telegram webhook's {@code
   * X-Telegram-Bot-Api-Secret-Token}); 401 without or with a wrong one.
   */
  SECRET_HEADER,
  /**
   * A handler in front of the routes under its prefix (a body limit's 413 answer); it answers
   * nothing by itself, so the routes under it carry the policy.
   */
  FILTER
}
