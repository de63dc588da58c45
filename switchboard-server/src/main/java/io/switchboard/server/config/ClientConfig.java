package io.switchboard.server.config;

import java.time.Duration;

/**
 * Per-connection limits (SPEC C1 "Order and pressure"; issue 7: every queue bounded).
 *
 * @param maxFrameBytes largest accepted text or binary frame payload, in bytes, default 64 KiB;
 *     larger gets {@code frame_too_large}; more than 4 times larger closes with 1009; more than 16
 *     times larger is dropped by the WebSocket codec without a close frame. Before {@code welcome}
 *     at most 16 frames and twice this many bytes may wait (more closes with 4029)
 * @param outboundQueueFrames frames waiting to be written to one connection before it is closed as
 *     a slow consumer (close code 4008), default 4096
 * @param ratePerSecond sustained incoming frames (text, binary, ping, pong) per second per
 *     connection, default 100
 * @param rateBurst incoming frame burst per connection, default 200; a connection that keeps
 *     exceeding the rate is closed with 4029
 * @param maxRooms rooms one connection may be in, default 128
 * @param heartbeat interval of server WebSocket pings, default 25 s, sent to clients in whole
 *     seconds ({@code welcome.heartbeat}, at least 1); pings are spread over the interval; a peer
 *     silent for two intervals is closed with 4002 when its turn comes (within three)
 * @param outboundQueueBytes bytes of frames waiting to be written to one connection before it is
 *     closed as a slow consumer (4008), default 4 MiB; one frame larger than this is still sent
 *     when nothing else waits (a large {@code joined})
 * @param maxPendingPublishes publishes of one connection waiting for their {@code ack} (each starts
 *     when the previous one completed), default 1024: well above {@code rateBurst}, so a client
 *     within its rate limit meets it only while the engine stalls (a Redis round trip per publish
 *     lets a burst of 200 pile up); one more is answered {@code rate_limited} without being queued
 * @param maxConnectionsPerUser connections one user may hold on one node, default 100; one more is
 *     closed right after authentication with 4009 (anonymous connections are not counted)
 * @param writeCoalescing publications to a connection leave with its other frames of the same
 *     event-loop pass in one write and one flush (Centrifugo's write coalescing, issue 13), default
 *     true; false flushes each publication to each member at once (one {@code write()} system call
 *     per delivery)
 */
public record ClientConfig(
    int maxFrameBytes,
    int outboundQueueFrames,
    int ratePerSecond,
    int rateBurst,
    int maxRooms,
    Duration heartbeat,
    int outboundQueueBytes,
    int maxPendingPublishes,
    int maxConnectionsPerUser,
    boolean writeCoalescing) {

  /**
   * Frames of 64 KiB, queues of 4096 frames and 4 MiB, 100 frames/s with bursts of 200, 128 rooms,
   * heartbeat 25 s, 1024 pending publishes, 100 connections per user, write coalescing on.
   */
  public static final ClientConfig DEFAULT =
      new ClientConfig(
          64 * 1024, 4096, 100, 200, 128, Duration.ofSeconds(25), 4 * 1024 * 1024, 1024, 100, true);

  /** The limits with write coalescing on (the default), as before it was configurable. */
  public ClientConfig(
      int maxFrameBytes,
      int outboundQueueFrames,
      int ratePerSecond,
      int rateBurst,
      int maxRooms,
      Duration heartbeat,
      int outboundQueueBytes,
      int maxPendingPublishes,
      int maxConnectionsPerUser) {
    this(
        maxFrameBytes,
        outboundQueueFrames,
        ratePerSecond,
        rateBurst,
        maxRooms,
        heartbeat,
        outboundQueueBytes,
        maxPendingPublishes,
        maxConnectionsPerUser,
        true);
  }

  /**
   * A copy with another incoming rate limit.
   *
   * @param perSecond sustained frames per second, 1 or more
   * @param burst frames at once, 1 or more
   */
  public ClientConfig withRate(int perSecond, int burst) {
    return new ClientConfig(
        maxFrameBytes,
        outboundQueueFrames,
        perSecond,
        burst,
        maxRooms,
        heartbeat,
        outboundQueueBytes,
        maxPendingPublishes,
        maxConnectionsPerUser,
        writeCoalescing);
  }

  /**
   * A copy with write coalescing on or off.
   *
   * @param on {@code client.writeCoalescing}
   */
  public ClientConfig withWriteCoalescing(boolean on) {
    return new ClientConfig(
        maxFrameBytes,
        outboundQueueFrames,
        ratePerSecond,
        rateBurst,
        maxRooms,
        heartbeat,
        outboundQueueBytes,
        maxPendingPublishes,
        maxConnectionsPerUser,
        on);
  }
}
