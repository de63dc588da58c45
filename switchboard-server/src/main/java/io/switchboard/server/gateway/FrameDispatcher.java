package io.switchboard.server.gateway;

import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;

import io.switchboard.server.ops.GatewayMetrics;
import java.util.Map;

/**
 * Routes each incoming text frame to the handler of its {@code type}, after the size and rate
 * limits (SPEC C1 "Order and pressure"). Every rejection is an {@code error} frame with the
 * request's id; only a frame over four times the size limit (1009) or a flood (4029) closes the
 * connection. Frames over sixteen times the limit never reach this class: the WebSocket codec
 * drops the connection while reading them.
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

  /** Handles one text frame of {@code bytes} UTF-8 bytes on the connection's event loop. */
  void dispatch(Connection connection, String text, int bytes) {
    connection.touch();
    metrics.frameIn(bytes);
    switch (connection.rateLimiter().take()) {
      case CLOSE -> {
        connection.close(CloseCode.RATE_LIMITED);
        return;
      }
      case REJECT -> {
        reject(connection, null, ErrorCode.RATE_LIMITED, "too many frames; slow down");
        return;
      }
      default -> { }
    }
    if (bytes > 4L * maxFrameBytes) {
      metrics.error(ErrorCode.FRAME_TOO_LARGE);
      connection.close(CloseCode.MESSAGE_TOO_BIG);
      return;
    }
    if (bytes > maxFrameBytes) {
      reject(connection, null, ErrorCode.FRAME_TOO_LARGE,
          "frame of " + bytes + " bytes exceeds the limit of " + maxFrameBytes);
      return;
    }
    ClientRequest request = null;
    try {
      request = ClientRequest.parse(text);
      CommandHandler handler = request.type() == null ? null : handlers.get(request.type());
      if (handler == null) {
        throw new RequestException(ErrorCode.UNKNOWN_TYPE,
            "type must be one of join, leave, publish, presence, ping");
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
