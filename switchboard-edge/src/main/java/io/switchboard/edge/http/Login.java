package io.switchboard.edge.http;

import io.switchboard.edge.limits.LoginLimiter;
import io.switchboard.edge.password.PasswordHasher;
import io.switchboard.edge.tokens.AccessTokens;
import io.switchboard.edge.tokens.RefreshTokens;
import io.switchboard.edge.users.User;
import io.switchboard.edge.users.Users;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/auth/login {email, password}} (SPEC C5; seed 002; issue 11 point 1): 200
 * {@code {token, refreshToken, user, expiresIn}} (seconds); an unknown email and a wrong password
 * get the same 401 body, after the same Argon2 work; failures are limited per account and per IP
 * ({@link LoginLimiter}: 429 with {@code Retry-After}). A password hashed with other parameters
 * than the configured ones is rehashed and stored before the reply.
 */
public final class Login {
  private static final Logger LOG = LoggerFactory.getLogger(Login.class);

  private final Users users;
  private final PasswordHasher hasher;
  private final AccessTokens tokens;
  private final LoginLimiter limiter;
  private final RefreshTokens refresh;
  private final Clock clock;

  /**
   * @param users the users on the store
   * @param hasher hashes and verifies with the configured Argon2id parameters
   * @param tokens issues access tokens
   * @param refresh issues refresh tokens
   * @param limiter the login failure limits
   * @param clock the time of a rehash
   */
  public Login(
      Users users,
      PasswordHasher hasher,
      AccessTokens tokens,
      RefreshTokens refresh,
      LoginLimiter limiter,
      Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.limiter = limiter;
    this.refresh = refresh;
    this.clock = clock;
  }

  void handle(RoutingContext rc) {
    String email;
    String password;
    try {
      JsonObject body = Replies.body(rc);
      email = Replies.text(body, "email");
      password = Replies.text(body, "password");
      if (email.length() > 254 || password.length() > 1024) {
        throw new BadRequestException("email or password is too long");
      }
    } catch (BadRequestException e) {
      Replies.fail(rc, e);
      return;
    }
    String ip = rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().host();
    long wait = limiter.attempt(email, ip);
    if (wait > 0) {
      rc.response().putHeader("Retry-After", Long.toString(wait));
      Replies.error(rc, 429, "too_many_attempts", "too many failed logins; retry later");
      return;
    }
    users
        .byEmail(email)
        .compose(
            s ->
                hasher
                    .verify(password, s == null ? null : s.user().passwordHash())
                    .compose(ok -> ok ? rehashIfNeeded(s, password) : Future.succeededFuture()))
        .compose(
            user -> {
              if (user == null) {
                return Future.succeededFuture((JsonObject) null);
              }
              limiter.succeeded(email, ip);
              return refresh
                  .issue(user.id())
                  .map(
                      r ->
                          new JsonObject()
                              .put("token", tokens.issue(user))
                              .put("refreshToken", r)
                              .put("user", user.publicJson())
                              .put("expiresIn", tokens.ttlSeconds()));
            })
        .onSuccess(
            body -> {
              if (body == null) {
                Replies.error(rc, 401, "invalid_credentials", "invalid email or password");
              } else {
                Replies.json(rc, 200, body);
              }
            })
        .onFailure(e -> Replies.fail(rc, e));
  }

  /** The user, with a new hash stored first when the parameters changed (best effort). */
  private Future<User> rehashIfNeeded(Users.Stored s, String password) {
    User user = s.user();
    if (!hasher.needsRehash(user.passwordHash())) {
      return Future.succeededFuture(user);
    }
    return hasher
        .hash(password)
        .map(h -> user.withPasswordHash(h, clock.instant()))
        .compose(u -> users.update(u, s.revision()).map(u))
        .recover(
            e -> {
              LOG.warn("rehash of user {} not stored: {}", user.id(), e.toString());
              return Future.succeededFuture(user);
            });
  }
}
