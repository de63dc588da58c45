package io.switchboard.edge.http;

import io.switchboard.edge.password.PasswordHasher;
import io.switchboard.edge.tokens.AccessTokens;
import io.switchboard.edge.tokens.InvalidTokenException;
import io.switchboard.edge.tokens.RefreshTokens;
import io.switchboard.edge.tokens.SigningKeys;
import io.switchboard.edge.users.User;
import io.switchboard.edge.users.Users;
import io.switchboard.server.api.ApiKeyHandler;
import io.switchboard.server.api.BodyLimit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The seed's auth service over HTTP (SPEC C5; seed 002; issue 11 point 1; docs/edge.md "Routes"):
 *
 * <pre>
 * POST /api/v1/auth/register {email, password, firstName, lastName, role?}  public
 *        → 201 user | 400 (field or password rule) | 409 email_taken
 * POST /api/v1/auth/login {email, password}  public, failures rate-limited
 *        → 200 {token, refreshToken, user, expiresIn} | 401 invalid_credentials | 429 + Retry-After
 * POST /api/v1/auth/refresh {refreshToken}  public → 200 as login | 401
 * POST /api/v1/auth/logout {refreshToken}   public → 204
 * POST /api/v1/auth/validate {token}  public → 200 {valid: true, user, expiresAt} | 401 {valid: false}
 * GET  /api/v1/auth/profile  Bearer → 200 user | 401
 * PUT  /api/v1/auth/users/{id}/role {role}  admin Bearer or server key
 *        → 200 user | 400 | 401 | 403 | 404 ({@link RoleRoute})
 * GET  /.well-known/jwks.json  public → 200 {keys: [...]}
 * </pre>
 *
 * A user is {@code {id, email, firstName, lastName, role, createdAt, updatedAt}}, never the hash.
 * Bodies over {@code server.maxBodyBytes} get 413, bad ones 400 and nothing is stored, an
 * unreachable store 503. Handlers never block: hashing runs on worker threads.
 */
public final class AuthRoutes {
  static final String BASE = "/api/v1/auth/";

  private final Users users;
  private final PasswordHasher hasher;
  private final AccessTokens tokens;
  private final SigningKeys keys;
  private final Login login;
  private final Sessions sessions;
  private final RoleRoute roles;
  private final int maxBodyBytes;
  private final Clock clock;

  /**
   * @param users the users on the store
   * @param hasher hashes with the configured Argon2id parameters
   * @param tokens issues and verifies access tokens
   * @param keys the signing keys (for the JWKS)
   * @param login the login route's handler
   * @param refresh the refresh tokens
   * @param maxBodyBytes {@code server.maxBodyBytes}
   * @param apiKeys {@code api.keys}: a backend with one sets roles
   * @param clock the time of registrations
   */
  public AuthRoutes(
      Users users,
      PasswordHasher hasher,
      AccessTokens tokens,
      SigningKeys keys,
      Login login,
      RefreshTokens refresh,
      int maxBodyBytes,
      List<String> apiKeys,
      Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.keys = keys;
    this.login = login;
    this.sessions = new Sessions(users, tokens, refresh);
    this.roles = new RoleRoute(users, tokens, new ApiKeyHandler(apiKeys), clock);
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  /** Mounts the routes on {@code router}. */
  public void mount(Router router) {
    BodyLimit.mount(
        router,
        BASE + "*",
        maxBodyBytes,
        "server.maxBodyBytes",
        BASE + "register",
        BASE + "login",
        BASE + "validate",
        BASE + "refresh",
        BASE + "logout");
    router.post(BASE + "register").handler(this::register);
    router.post(BASE + "login").handler(login::handle);
    router.post(BASE + "validate").handler(this::validate);
    router.post(BASE + "refresh").handler(sessions::refresh);
    router.post(BASE + "logout").handler(sessions::logout);
    router.get(BASE + "profile").handler(this::profile);
    router
        .put(BASE + "users/:id/role")
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(roles::handle);
    router.get("/.well-known/jwks.json").handler(this::jwks);
  }

  private void register(RoutingContext rc) {
    Future.succeededFuture()
        .map(v -> Registration.parse(Replies.body(rc)))
        .compose(
            r ->
                hasher
                    .hash(r.password())
                    .compose(
                        hash -> {
                          var now = clock.instant();
                          return users.create(
                              new User(
                                  UUID.randomUUID().toString(),
                                  r.email(),
                                  r.firstName(),
                                  r.lastName(),
                                  User.ROLE_USER,
                                  hash,
                                  now,
                                  now));
                        }))
        .onSuccess(u -> Replies.json(rc, 201, u.publicJson()))
        .onFailure(e -> Replies.fail(rc, e));
  }

  private void validate(RoutingContext rc) {
    String token;
    try {
      token = Replies.text(Replies.body(rc), "token");
    } catch (BadRequestException e) {
      Replies.fail(rc, e);
      return;
    }
    verified(token)
        .onSuccess(
            v ->
                Replies.json(
                    rc,
                    200,
                    new JsonObject()
                        .put("valid", true)
                        .put("user", v.user().publicJson())
                        .put("expiresAt", v.claims().getLong("exp"))))
        .onFailure(
            e -> {
              if (e instanceof InvalidTokenException) {
                Replies.json(rc, 401, new JsonObject().put("valid", false));
              } else {
                Replies.fail(rc, e);
              }
            });
  }

  private void profile(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Replies.unauthorized(rc);
      return;
    }
    verified(header.substring(7).strip())
        .onSuccess(v -> Replies.json(rc, 200, v.user().publicJson()))
        .onFailure(e -> Replies.fail(rc, e));
  }

  private void jwks(RoutingContext rc) {
    keys.jwks()
        .onSuccess(
            jwks ->
                rc.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "public, max-age=300")
                    .end(jwks.encode()))
        .onFailure(e -> Replies.fail(rc, e));
  }

  /** A verified token whose user still exists. */
  private Future<Verified> verified(String token) {
    return tokens
        .verify(token)
        .compose(
            claims ->
                users
                    .byId(claims.getString("sub"))
                    .compose(
                        s ->
                            s == null
                                ? Future.failedFuture(new InvalidTokenException("no such user"))
                                : Future.succeededFuture(new Verified(s.user(), claims))));
  }

  private record Verified(User user, JsonObject claims) {}
}
