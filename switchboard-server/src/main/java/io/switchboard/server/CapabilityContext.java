package io.switchboard.server;

import io.switchboard.core.Ports;
import io.switchboard.server.auth.TokenVerifier;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.gateway.Gateway;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.room.RoomPublisher;
import io.switchboard.server.signal.Signals;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * What a {@link Capability} gets from the node it runs in.
 *
 * @param vertx the node's Vert.x
 * @param node this node's id
 * @param config the node's validated configuration
 * @param ports the engine ports (store, broker, pub/sub, …)
 * @param router the node's HTTP router; mount routes under {@code /api/v1/…}
 * @param verifier verifies client JWTs the way {@code /ws} does
 * @param gateway notifies users and disconnects them, cluster-wide
 * @param publisher the one publish path to rooms (history, fan-out, snapshots, forwarding)
 * @param metrics the node's metrics ({@link GatewayMetrics#registry()} for a capability's own)
 * @param httpPort the node's bound HTTP port ({@code server.port}, or the free one picked for 0); 0
 *     until the node listens, which is after every capability started: read it when serving, not in
 *     {@link Capability#start} (the gRPC capability calls the node's HTTP API on it)
 * @param signals the node's in-process signals: capabilities emit the facts they own (outcomes,
 *     ends, connects) and others subscribe (webhooks, Telegram); issue 11 point 3
 */
public record CapabilityContext(
    Vertx vertx,
    String node,
    SwitchboardConfig config,
    Ports ports,
    Router router,
    TokenVerifier verifier,
    Gateway gateway,
    RoomPublisher publisher,
    GatewayMetrics metrics,
    java.util.function.IntSupplier httpPort,
    Signals signals) {}
