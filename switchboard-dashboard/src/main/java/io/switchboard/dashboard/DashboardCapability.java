package io.switchboard.dashboard;

import io.switchboard.dashboard.feed.StatsFeed;
import io.switchboard.dashboard.http.AdminAccess;
import io.switchboard.dashboard.http.DashboardRoutes;
import io.switchboard.dashboard.http.SocketTokens;
import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.api.ApiKeyHandler;
import io.switchboard.server.config.DashboardConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/**
 * The live dashboard as a node capability (SPEC C5; issue 12 points 2 and 3; docs/dashboard.md),
 * wired from {@code dashboard.*} ({@link DashboardConfig}): it serves the page at {@code
 * /dashboard} and {@code /dashboard/*} from the classpath folder {@code dashboard/} (public: the
 * page holds no data) with a Content-Security-Policy that lets it load its own scripts ({@link
 * #CSP}), serves the example pages of the repository's {@code examples/} at {@code /examples/*}
 * (public, same policy; README "Quickstart"), mounts the admin routes ({@link DashboardRoutes}),
 * guards namespace {@code sys} ({@link AdminAccess}) and publishes this node's stats frame to
 * {@code sys:metrics} ({@link StatsFeed}).
 */
public final class DashboardCapability implements Capability {
  /** The page's policy: its own scripts, styles and sockets; no inline script. */
  public static final String CSP =
      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self';"
          + " frame-ancestors 'none'";

  private StatsFeed feed;
  private WebClient client;

  /**
   * Mounts the page and routes, guards {@code sys} and starts the stats frame.
   *
   * @return completes at once; fails when namespace {@code sys} has a guard already
   */
  @Override
  public Future<Void> start(CapabilityContext node) {
    try {
      List<String> keys = node.config().api().keys();
      AdminAccess access =
          new AdminAccess(
              new ApiKeyHandler(keys), node.verifier(), node.config().server().allowedOrigins());
      node.gateway().guard(DashboardConfig.NAMESPACE, access);
      NamespaceConfig policy =
          node.config()
              .namespaces()
              .getOrDefault(DashboardConfig.NAMESPACE, DashboardConfig.NAMESPACE_POLICY);
      feed = new StatsFeed(node, policy);
      String key = keys.isEmpty() ? null : keys.get(0);
      SocketTokens tokens =
          key == null ? null : SocketTokens.trusted(node.vertx(), key, node.verifier());
      client = WebClient.create(node.vertx());
      new DashboardRoutes(
              access,
              tokens,
              feed::latest,
              feed::cluster,
              client,
              loopback(node.config().server().host()),
              node.httpPort(),
              key,
              node.config().server().maxBodyBytes())
          .mount(node.router());
      mountPage(node.router());
      feed.start();
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void mountPage(Router router) {
    router
        .get("/dashboard")
        .handler(
            rc -> {
              csp(rc);
              rc.response()
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .sendFile("dashboard/index.html");
            });
    router
        .get("/dashboard/*")
        .handler(
            rc -> {
              csp(rc);
              rc.next();
            })
        .handler(StaticHandler.create("dashboard").setCachingEnabled(false));
    // the example pages (examples/chat.html), copied into the jar at build, same policy
    router
        .get("/examples/*")
        .handler(
            rc -> {
              csp(rc);
              rc.next();
            })
        .handler(StaticHandler.create("examples").setCachingEnabled(false));
  }

  private static void csp(RoutingContext rc) {
    rc.response().putHeader("Content-Security-Policy", CSP);
  }

  /** Where this node's own HTTP server answers (the wildcard addresses mean loopback). */
  static String loopback(String host) {
    return host == null
            || host.isBlank()
            || host.equals("0.0.0.0")
            || host.equals("::")
            || host.equals("[::]")
        ? "127.0.0.1"
        : host;
  }

  /** Stops the stats frame and the loopback client. */
  @Override
  public Future<Void> stop() {
    if (feed != null) {
      feed.stop();
    }
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }
}
