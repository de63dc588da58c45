package io.switchboard.server.config;

import java.time.Duration;

/**
 * Per-connection limits (SPEC C1 "Order and pressure").
 *
 * @param maxFrameBytes largest accepted text frame, default 64 KiB; larger gets {@code
 *     frame_too_large}; more than 4 times larger closes with 1009; more than 16 times larger
 *     is dropped by the WebSocket codec without a close frame
 * @param outboundQueueFrames frames waiting to be written to one connection before it is closed
 *     as a slow consumer (close code 4008), default 4096
 * @param ratePerSecond sustained incoming frames per second per connection, default 100
 * @param rateBurst incoming frame burst per connection, default 200; a connection that keeps
 *     exceeding the rate is closed with 4029
 * @param maxRooms rooms one connection may be in, default 128
 * @param heartbeat interval of server WebSocket pings, default 25 s; pings are spread over the interval; a peer silent for two
 *     intervals is closed
 */
public record ClientConfig(
    int maxFrameBytes,
    int outboundQueueFrames,
    int ratePerSecond,
    int rateBurst,
    int maxRooms,
    Duration heartbeat) {

  public static final ClientConfig DEFAULT =
      new ClientConfig(64 * 1024, 4096, 100, 200, 128, Duration.ofSeconds(25));
}
