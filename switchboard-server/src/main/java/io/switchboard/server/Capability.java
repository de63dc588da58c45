package io.switchboard.server;

import io.vertx.core.Future;

/**
 * A capability built on the node's ports in a module of its own (SPEC C2–C5: commands and queries,
 * workflows, the tunnel, the edge), started by {@link SwitchboardServer} with the node and stopped
 * before it: it mounts its routes and starts its consumers in {@link #start}.
 */
public interface Capability {

  /**
   * Mounts routes on {@code node.router()} and starts consumers; called once, before the node
   * listens, on a Vert.x context of the node.
   *
   * @return completes when the capability is ready; a failure stops the node's start
   */
  Future<Void> start(CapabilityContext node);

  /**
   * Stops consuming and releases what {@link #start} took; called first when the node stops, while
   * the engines are still open.
   *
   * @return completes when stopped; never fails
   */
  Future<Void> stop();
}
