package io.switchboard.server.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.ops.GatewayMetrics.Refusal;
import io.switchboard.server.room.ErrorCode;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The connection's end of the Netty pipeline once the WebSocket handshake is done: Vert.x performs
 * the upgrade, then this handler replaces Vert.x's, so a connection costs only the Netty channel,
 * its codec and our {@link Connection} (Vert.x keeps two queues and the upgrade request per
 * WebSocket, 9 KB of heap). Frames arrive whole (a {@code WebSocketFrameAggregator} sits in front)
 * and are handled on the connection's Vert.x context: every frame but close passes the {@link
 * FrameDispatcher}'s admission (rate limit; size for data frames), pings are answered (one pong in
 * flight at most, {@link Connection#pong}), text frames are dispatched, binary frames refused, a
 * close frame is echoed (RFC 6455 §5.5.1) and closes the channel, a frame breaking RFC 6455 is
 * answered with close 1002 (1007 for a close reason that is not UTF-8).
 *
 * <p>Frames that arrive before {@code welcome} was sent (token verification, the user's channel)
 * wait here: at most {@link #MAX_EARLY} frames and {@code maxEarlyBytes} payload bytes (issue 7);
 * one more closes the connection with {@link CloseCode#RATE_LIMITED} and it is never welcomed.
 */
final class WebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  static final int MAX_EARLY = 16;

  private final ContextInternal context;
  private final Consumer<Connection> onClosed;
  private final int maxEarlyBytes;
  private final GatewayMetrics metrics;
  private final ArrayDeque<WebSocketFrame> early = new ArrayDeque<>();
  private int earlyBytes;
  private volatile boolean refused;
  private Connection connection;
  private FrameDispatcher dispatcher;

  WebSocketHandler(
      ContextInternal context,
      Consumer<Connection> onClosed,
      int maxEarlyBytes,
      GatewayMetrics metrics) {
    this.context = context;
    this.onClosed = onClosed;
    this.maxEarlyBytes = maxEarlyBytes;
    this.metrics = metrics;
  }

  /** Binds the authenticated connection (its close is reported from now on); on the event loop. */
  void bind(Connection connection) {
    this.connection = connection;
  }

  /**
   * Whether the client sent too much before {@code welcome}: it is closing and must not be
   * welcomed.
   */
  boolean refused() {
    return refused;
  }

  /** Starts handling frames, those that waited first; on the event loop, after {@link #bind}. */
  void attach(FrameDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    WebSocketFrame f;
    while ((f = early.poll()) != null) {
      try {
        handle(f);
      } finally {
        f.release();
      }
    }
    earlyBytes = 0;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (refused) {
      return;
    }
    if (dispatcher == null) {
      earlyBytes += frame.content().readableBytes();
      if (early.size() >= MAX_EARLY || earlyBytes > maxEarlyBytes) {
        refuse(ctx);
      } else {
        early.add(frame.retain());
      }
      return;
    }
    handle(frame);
  }

  private void refuse(ChannelHandlerContext ctx) {
    refused = true;
    early.forEach(WebSocketFrame::release);
    early.clear();
    metrics.refused(Refusal.EARLY_FRAMES);
    HandshakeTimeout.done(ctx.channel());
    Connection.closeHandshake(
        ctx.channel(),
        new CloseWebSocketFrame(
            CloseCode.RATE_LIMITED.code(),
            "sent more than "
                + MAX_EARLY
                + " frames or "
                + maxEarlyBytes
                + " bytes before welcome"));
  }

  private void handle(WebSocketFrame frame) {
    context.dispatch(frame, this::onFrame);
  }

  private void onFrame(WebSocketFrame frame) {
    if (frame instanceof CloseWebSocketFrame close) {
      if (connection.isClosed()) {
        connection.channel().close(); // the peer answered our close
      } else {
        connection.markClosed();
        connection
            .channel()
            .writeAndFlush(
                sendable(close.statusCode())
                    ? close.retainedDuplicate()
                    : new CloseWebSocketFrame(
                        WebSocketCloseStatus.PROTOCOL_ERROR.code(), "invalid close code"))
            .addListener(ChannelFutureListener.CLOSE);
      }
    } else if (frame instanceof TextWebSocketFrame text) {
      if (dispatcher.admit(connection, text.content().readableBytes())) {
        dispatcher.dispatch(connection, text.text());
      }
    } else if (frame instanceof BinaryWebSocketFrame binary) {
      if (dispatcher.admit(connection, binary.content().readableBytes())) {
        dispatcher.reject(
            connection,
            null,
            ErrorCode.BINARY_NOT_SUPPORTED,
            "switchboard.v1 uses text frames only");
      }
    } else if (dispatcher.admitControl(connection) && frame instanceof PingWebSocketFrame) {
      connection.pong(frame.content().retain());
    } // a pong only counts as liveness (admitControl touched the connection)
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    early.forEach(WebSocketFrame::release);
    early.clear();
    if (connection != null) {
      Connection c = connection;
      context.dispatch(null, v -> onClosed.accept(c));
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException && ctx.channel().isActive()) {
      ctx.writeAndFlush(
              new CloseWebSocketFrame(
                  CloseCode.MESSAGE_TOO_BIG.code(), CloseCode.MESSAGE_TOO_BIG.reason()))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (cause instanceof CorruptedWebSocketFrameException broken
        && ctx.channel().isActive()
        && broken.closeStatus() != WebSocketCloseStatus.MESSAGE_TOO_BIG) {
      // a frame breaking RFC 6455 fails the connection with a close frame saying why (§7.1.7):
      // 1002, or 1007 for a close reason that is not UTF-8; a frame over 16 x the limit is still
      // dropped as documented (found by FuzzIT, issue 7)
      WebSocketCloseStatus status = broken.closeStatus();
      ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), status.reasonText()))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  /**
   * Whether a peer's close code may be echoed (RFC 6455 §7.4): none, 1000-1003, 1007-1014, or
   * 3000-4999. Netty's decoder lets codes from 5000 up through; they are answered with 1002 (found
   * by FuzzIT).
   */
  private static boolean sendable(int code) {
    return code == -1
        || (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
