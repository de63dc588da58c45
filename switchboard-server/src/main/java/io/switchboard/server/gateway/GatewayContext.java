package io.switchboard.server.gateway;

import io.switchboard.core.Engine;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.ops.GatewayMetrics;

/**
 * What the command handlers share on one node: the engine, room policy, local rooms, the
 * publish path and limits.
 *
 * @param node this node's id
 * @param engine the engine ports
 * @param namespaces room policy
 * @param rooms local room membership
 * @param publisher the publish path
 * @param client per-connection limits
 * @param metrics counters
 */
record GatewayContext(
    String node,
    Engine engine,
    Namespaces namespaces,
    LocalRooms rooms,
    RoomPublisher publisher,
    ClientConfig client,
    GatewayMetrics metrics) {

  /** Resolves a room or throws the client error. */
  Namespaces.Resolved resolve(String room) {
    Namespaces.Resolved r = namespaces.resolve(room);
    if (r.error() != null) {
      throw new RequestException(r.error(), r.message());
    }
    return r;
  }
}
