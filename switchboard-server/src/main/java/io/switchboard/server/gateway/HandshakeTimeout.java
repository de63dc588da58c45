package io.switchboard.server.gateway;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.ops.GatewayMetrics.Refusal;
import io.vertx.core.http.HttpConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code server.handshakeTimeout} (issue 7): a TCP connection that has not sent one complete HTTP
 * request within the timeout of its connect, or for {@code /ws} has not received {@code welcome} by
 * then, is closed and counted ({@code switchboard_connections_refused_total{reason=
 * "handshake_timeout"}}). This catches slowloris clients that trickle request headers (which keep
 * the idle timeout from firing) and upgrades stuck before {@code welcome}. The timer lives on the
 * channel's event loop; it is cancelled by {@link #done} or when the channel closes.
 */
public final class HandshakeTimeout {
  private static final AttributeKey<ScheduledFuture<?>> TIMER =
      AttributeKey.valueOf("switchboard-handshake");

  private HandshakeTimeout() {}

  /**
   * Arms the timer for a new HTTP connection ({@code HttpServer.connectionHandler}), on its event
   * loop.
   *
   * @param connection the new connection (a Vert.x {@code ConnectionBase})
   * @param timeout {@code server.handshakeTimeout}
   * @param metrics counts a connection closed by the timer
   */
  public static void start(HttpConnection connection, Duration timeout, GatewayMetrics metrics) {
    Channel channel = Gateway.channelOf(connection);
    ScheduledFuture<?> timer =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  if (channel.attr(TIMER).getAndSet(null) != null) {
                    metrics.refused(Refusal.HANDSHAKE_TIMEOUT);
                    channel.close();
                  }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    channel.attr(TIMER).set(timer);
    channel.closeFuture().addListener(f -> done(channel));
  }

  /**
   * The first HTTP request of a connection arrived complete (not a WebSocket upgrade, whose timer
   * runs until {@code welcome}): cancels its timer; idempotent.
   *
   * @param connection the request's connection
   */
  public static void done(HttpConnection connection) {
    done(Gateway.channelOf(connection));
  }

  /** The connection got there in time: cancels its timer (idempotent). */
  static void done(Channel channel) {
    ScheduledFuture<?> timer = channel.attr(TIMER).getAndSet(null);
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
