package io.switchboard.app.capability;

import io.switchboard.app.workers.InProcessWorkers;
import io.switchboard.commands.CommandsCapability;
import io.switchboard.dashboard.DashboardCapability;
import io.switchboard.edge.EdgeCapability;
import io.switchboard.grpc.GrpcCapability;
import io.switchboard.hooks.HooksCapability;
import io.switchboard.server.Capability;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.tunnel.TunnelCapability;
import io.switchboard.workflows.WorkflowsCapability;
import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities a node runs, from its configuration, in start order: commands and queries with
 * the board example (SPEC C2) unless {@code commands.enabled: false}; workflow orchestration (SPEC
 * C3) unless {@code workflows.enabled: false}, with the in-process example workers when {@code
 * workflows.exampleWorkers}; the tunnel (SPEC C4) unless {@code tunnel.enabled: false}; users and
 * sign-in (SPEC C5) unless {@code edge.enabled: false}; the server API over gRPC (issue 11 point 4)
 * when {@code grpc.enabled}; webhooks and Telegram (SPEC C5) unless {@code hooks.enabled: false}
 * (last, so that it hears every capability's signals from the start); the live dashboard (SPEC C5;
 * issue 12) unless {@code dashboard.enabled: false}.
 */
public final class Capabilities {
  private Capabilities() {}

  /**
   * @param c the validated configuration
   * @return fresh capabilities, in the order they start
   */
  public static List<Capability> of(SwitchboardConfig c) {
    List<Capability> capabilities = new ArrayList<>();
    if (c.commands().enabled()) {
      capabilities.add(CommandsCapability.withBoard());
    }
    if (c.workflows().enabled()) {
      capabilities.add(new WorkflowsCapability());
      if (c.workflows().exampleWorkers()) {
        capabilities.add(new InProcessWorkers()); // after the capability that declares the exchange
      }
    }
    if (c.tunnel().enabled()) {
      capabilities.add(new TunnelCapability()); // /event/ws, /event/send
    }
    if (c.edge().enabled()) {
      capabilities.add(new EdgeCapability()); // /api/v1/auth/*, /.well-known/jwks.json
    }
    if (c.grpc().enabled()) {
      capabilities.add(new GrpcCapability()); // a port of its own, no HTTP route
    }
    if (c.hooks().enabled()) {
      capabilities.add(new HooksCapability()); // /api/v1/server/webhooks*, /api/v1/telegram/webhook
    }
    if (c.dashboard().enabled()) {
      capabilities.add(new DashboardCapability()); // /dashboard*, /api/v1/dashboard/*, sys:metrics
    }
    return capabilities;
  }
}
