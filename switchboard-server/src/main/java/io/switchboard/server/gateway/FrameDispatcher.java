package io.switchboard.server.gateway;

import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;
import java.util.Map;

/**
 * Admits incoming frames and routes each text frame to the handler of its {@code type} (SPEC C1
 * "Order and pressure"). Every frame, text, binary, ping or pong, passes the connection's rate
 * limiter; text and binary frames also pass the size check (issue 7: nothing bypasses them). Every
 * rejection of a data frame is an {@code error} frame with the request's id; only a frame over four
 * times the size limit (1009) or a flood (4029) closes the connection. Frames over sixteen times
 * the limit never reach this class: the WebSocket codec drops the connection while reading them.
 */
final class FrameDispatcher {
  private final Map<String, CommandHandler> handlers;
  private final int maxFrameBytes;
  private final GatewayMetrics metrics;

  FrameDispatcher(Map<String, CommandHandler> handlers, int maxFrameBytes, GatewayMetrics metrics) {
    this.handlers = Map.copyOf(handlers);
    this.maxFrameBytes = maxFrameBytes;
    this.metrics = metrics;
  }

  /**
   * Admits one text or binary frame of {@code bytes} payload bytes, on the connection's event loop:
   * counts it, takes a rate token and checks its size.
   *
   * @return whether to process it; if not, it was answered ({@code rate_limited}, {@code
   *     frame_too_large}) or the connection is closing (4029, 1009)
   */
  boolean admit(Connection connection, int bytes) {
    connection.touch();
    metrics.frameIn(bytes);
    if (!rate(connection, true)) {
      return false;
    }
    if (bytes > 4L * maxFrameBytes) {
      metrics.error(ErrorCode.FRAME_TOO_LARGE);
      connection.close(CloseCode.MESSAGE_TOO_BIG);
      return false;
    }
    if (bytes > maxFrameBytes) {
      reject(
          connection,
          null,
          ErrorCode.FRAME_TOO_LARGE,
          "frame of " + bytes + " bytes exceeds the limit of " + maxFrameBytes);
      return false;
    }
    return true;
  }

  /**
   * Admits one ping or pong (at most 125 bytes, RFC 6455 §5.5): takes a rate token.
   *
   * @return whether to process it; a rejected one is dropped unanswered (counted as {@code
   *     rate_limited}), a flood closes the connection with 4029
   */
  boolean admitControl(Connection connection) {
    connection.touch();
    return rate(connection, false);
  }

  private boolean rate(Connection connection, boolean answer) {
    switch (connection.rateLimiter().take()) {
      case CLOSE -> {
        connection.close(CloseCode.RATE_LIMITED);
        return false;
      }
      case REJECT -> {
        if (answer) {
          reject(connection, null, ErrorCode.RATE_LIMITED, "too many frames; slow down");
        } else {
          metrics.error(ErrorCode.RATE_LIMITED);
        }
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  /** Handles one admitted text frame on the connection's event loop. */
  void dispatch(Connection connection, String text) {
    ClientRequest request = null;
    try {
      request = ClientRequest.parse(text);
      CommandHandler handler = request.type() == null ? null : handlers.get(request.type());
      if (handler == null) {
        throw new RequestException(
            ErrorCode.UNKNOWN_TYPE, "type must be one of join, leave, publish, presence, ping");
      }
      handler.handle(connection, request);
    } catch (RequestException e) {
      reject(connection, request == null ? null : request.rawId(), e.code(), e.getMessage());
    }
  }

  void reject(Connection connection, String rawId, ErrorCode code, String message) {
    metrics.error(code);
    connection.send(Frames.error(rawId, code, message));
  }
}
