package io.switchboard.server.gateway;

import io.switchboard.core.Ports;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RoomPublisher;

/**
 * What the command handlers share on one node: the engine ports, room policy, local rooms, the
 * publish path and limits.
 *
 * @param node this node's id
 * @param ports the engine ports
 * @param namespaces room policy
 * @param rooms local room membership
 * @param publisher the publish path
 * @param client per-connection limits
 * @param metrics counters
 * @param guards each guarded namespace's {@link RoomGuard}, added by capabilities at start
 */
record GatewayContext(
    String node,
    Ports ports,
    Namespaces namespaces,
    LocalRooms rooms,
    RoomPublisher publisher,
    ClientConfig client,
    GatewayMetrics metrics,
    java.util.Map<String, RoomGuard> guards) {}
