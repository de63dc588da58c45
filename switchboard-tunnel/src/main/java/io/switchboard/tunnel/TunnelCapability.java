package io.switchboard.tunnel;

import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.server.gateway.Gateway;
import io.switchboard.tunnel.controller.ControllerEndpoint;
import io.switchboard.tunnel.controller.Controllers;
import io.switchboard.tunnel.ops.TunnelMetrics;
import io.switchboard.tunnel.send.Delivery;
import io.switchboard.tunnel.send.Pending;
import io.switchboard.tunnel.send.SendRoute;
import io.switchboard.tunnel.token.ProjectTokens;
import io.switchboard.tunnel.token.TokenRoutes;
import io.switchboard.tunnel.wire.Relays;
import io.switchboard.tunnel.wire.Relays.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel proxy as a server {@link Capability} (SPEC C4, seed 000; docs/tunnel.md): mounts
 * {@code GET /event/ws} for controllers, {@code POST /event/send} and the project token routes, and
 * subscribes the node to its two relay channels — {@code <tunnel.requestChannel>.<node>} (requests
 * to deliver here) and {@code <tunnel.responseChannel>.<node>} (outcomes waited on here) — plus the
 * revocation channel {@code <tunnel.requestChannel>~revoked} and the controller announcements on
 * {@code <tunnel.requestChannel>~connected} (a {@code connection_id} reused on another node
 * replaces the older connection). Does nothing when {@code tunnel.enabled} is false.
 */
public final class TunnelCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(TunnelCapability.class);

  private Controllers controllers;
  private Vertx vertx;
  private long projectsTimer = -1;

  @Override
  public Future<Void> start(CapabilityContext ctx) {
    TunnelConfig config = ctx.config().tunnel();
    if (!config.enabled()) {
      return Future.succeededFuture();
    }
    String node = ctx.node();
    Gateway gateway = ctx.gateway();
    TunnelMetrics metrics = new TunnelMetrics(ctx.metrics().registry());
    Pending pending =
        new Pending(
            ctx.vertx(),
            config.requestTimeout(),
            config.maxInFlight(),
            config.maxInFlightPerProject());
    Delivery[] delivery = new Delivery[1];
    String connectedChannel = config.requestChannel() + "~connected";
    controllers =
        new Controllers(
            ctx.vertx(),
            ctx.ports().registry(),
            node,
            config,
            (c, left) -> delivery[0].lost(c, left),
            ctx.signals(),
            announced ->
                gateway
                    .relay(connectedChannel, announced.encode())
                    .onFailure(e -> LOG.warn("controller not announced: {}", e.toString())));
    delivery[0] =
        new Delivery(
            ctx.vertx(),
            ctx.ports().locks(),
            controllers,
            config,
            metrics,
            (origin, outcome) -> respond(gateway, config, node, pending, origin, outcome));
    ProjectTokens tokens = new ProjectTokens(ctx.ports().store());
    gateway.path(
        "/event/ws",
        new ControllerEndpoint(node, config, tokens, controllers, delivery[0]::frame, metrics));
    String revokedChannel = config.requestChannel() + "~revoked";
    new SendRoute(
            node,
            ctx.ports().registry(),
            controllers,
            pending,
            delivery[0],
            gateway::relay,
            config.requestChannel(),
            metrics)
        .mount(ctx.router(), ctx.config().api().keys(), config.maxMessageBytes());
    new TokenRoutes(
            tokens, revocation -> gateway.relay(revokedChannel, revocation.encode()).mapEmpty())
        .mount(ctx.router());
    metrics.gauges(pending::size, controllers::inFlight, controllers::size);
    Runnable projects = metrics.projects(controllers::perProject);
    projectsTimer = ctx.vertx().setPeriodic(1000, t -> projects.run());
    vertx = ctx.vertx();
    Delivery d = delivery[0];
    Future<Void> requests =
        gateway.relay(
            config.requestChannel() + "." + node,
            payload -> {
              try {
                Relays.Request r = Relays.Request.decode(payload);
                d.deliver(r.request(), r.origin());
              } catch (RuntimeException e) {
                LOG.warn("malformed tunnel request relay dropped: {}", e.toString());
              }
            });
    Future<Void> outcomes =
        gateway.relay(
            config.responseChannel() + "." + node,
            payload -> {
              try {
                pending.complete(Outcome.decode(payload));
              } catch (RuntimeException e) {
                LOG.warn("malformed tunnel outcome relay dropped: {}", e.toString());
              }
            });
    Future<Void> revocations =
        gateway.relay(
            revokedChannel,
            payload -> {
              JsonObject r = new JsonObject(payload);
              controllers.revoked(r.getString("project_id"), r.getString("token_id"));
            });
    Future<Void> connections =
        gateway.relay(
            connectedChannel,
            payload -> {
              try {
                controllers.connectedElsewhere(Relays.Connected.decode(payload));
              } catch (RuntimeException e) {
                LOG.warn("malformed tunnel connection relay dropped: {}", e.toString());
              }
            });
    controllers.start();
    return Future.all(List.of(requests, outcomes, revocations, connections)).mapEmpty();
  }

  private static void respond(
      Gateway gateway,
      TunnelConfig config,
      String node,
      Pending pending,
      String origin,
      Outcome outcome) {
    if (origin.equals(node)) {
      pending.complete(outcome);
    } else {
      gateway
          .relay(config.responseChannel() + "." + origin, outcome.encode())
          .onFailure(e -> LOG.warn("tunnel outcome not relayed to {}: {}", origin, e.toString()));
    }
  }

  @Override
  public Future<Void> stop() {
    if (vertx != null) {
      vertx.cancelTimer(projectsTimer);
    }
    return controllers == null ? Future.succeededFuture() : controllers.stop();
  }
}
