package io.switchboard.edge;

import io.switchboard.edge.http.AuthRoutes;
import io.switchboard.edge.http.Login;
import io.switchboard.edge.limits.LoginLimiter;
import io.switchboard.edge.password.PasswordHasher;
import io.switchboard.edge.tokens.AccessTokens;
import io.switchboard.edge.tokens.RefreshTokens;
import io.switchboard.edge.tokens.SigningKey;
import io.switchboard.edge.tokens.SigningKeys;
import io.switchboard.edge.users.Users;
import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.config.EdgeConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;

/**
 * Users and sign-in as a node capability (SPEC C5; seed 002; issue 11 point 1): the composition
 * root of this module, wired from {@code edge.*} ({@link EdgeConfig}). At start it loads the
 * signing keys from the store (generating and storing the first one on an empty store), then mounts
 * {@code /api/v1/auth/*} and {@code /.well-known/jwks.json} ({@link AuthRoutes}). Users, emails and
 * keys live in the node's store, so nodes on one store share them.
 */
public final class EdgeCapability implements Capability {
  private final Clock clock;

  /** The capability on the system clock. */
  public EdgeCapability() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock the time of registrations and keys (tests)
   */
  public EdgeCapability(Clock clock) {
    this.clock = clock;
  }

  /**
   * Loads or creates the keys, then mounts the routes.
   *
   * @return completes when mounted; failed while the store is unreachable
   */
  @Override
  public Future<Void> start(CapabilityContext node) {
    EdgeConfig c = node.config().edge();
    Users users = new Users(node.ports().store());
    PasswordHasher hasher =
        new PasswordHasher(
            node.vertx(), c.argon2MemoryKib(), c.argon2Iterations(), c.argon2Parallelism());
    LoginLimiter limiter = new LoginLimiter(c.loginFailuresPerAccount(), c.loginFailuresPerIp());
    RefreshTokens refresh = new RefreshTokens(node.ports().store(), clock);
    return SigningKeys.load(node.ports().store(), clock)
        .compose(keys -> keys.jwks().map(set -> trust(node, c, set)).map(keys))
        .map(
            keys -> {
              AccessTokens tokens = new AccessTokens(node.vertx(), keys, c.issuer(), c.accessTtl());
              new AuthRoutes(
                      users,
                      hasher,
                      tokens,
                      keys,
                      new Login(users, hasher, tokens, refresh, limiter, clock),
                      refresh,
                      node.config().server().maxBodyBytes(),
                      node.config().api().keys(),
                      clock)
                  .mount(node.router());
              return null;
            });
  }

  /**
   * Lets the node's {@link io.switchboard.server.auth.TokenVerifier} accept the tokens signed with
   * the stored keys, so a signed-in user opens {@code /ws} and calls the user APIs with them.
   */
  private static Void trust(CapabilityContext node, EdgeConfig c, JsonObject set) {
    for (Object o : set.getJsonArray("keys", new JsonArray())) {
      JsonObject jwk = (JsonObject) o;
      JWTAuth auth =
          JWTAuth.create(
              node.vertx(),
              new JWTAuthOptions()
                  .addJwk(jwk)
                  .setJWTOptions(
                      new JWTOptions()
                          .setAlgorithm(SigningKey.ALG)
                          .setIssuer(c.issuer())
                          .setLeeway(
                              (int) Math.min(60, node.config().auth().leeway().toSeconds()))));
      node.verifier().trust(jwk.getString("kid"), SigningKey.ALG, auth);
    }
    return null;
  }

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }
}
