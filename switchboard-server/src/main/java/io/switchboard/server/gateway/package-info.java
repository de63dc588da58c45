/**
 * The WebSocket gateway, protocol {@code switchboard.v1} (SPEC C1; {@code docs/protocol.md}):
 * handshake and authentication, one handler per command, consistent joins, fan-out written once per
 * event loop, bounded outbound queues, heartbeats and resyncs. Every connection is served on its
 * own event loop; outside this package only {@code Gateway} (notify, disconnect, shutdown) and
 * {@code HandshakeTimeout} are used.
 */
package io.switchboard.server.gateway;
