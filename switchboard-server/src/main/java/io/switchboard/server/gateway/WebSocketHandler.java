package io.switchboard.server.gateway;

import io.switchboard.server.room.ErrorCode;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The connection's end of the Netty pipeline once the WebSocket handshake is done: Vert.x
 * performs the upgrade, then this handler replaces Vert.x's, so a connection costs only the Netty
 * channel, its codec and our {@link Connection} (Vert.x keeps two queues and the upgrade request
 * per WebSocket, 9 KB of heap). Frames arrive whole (a {@code WebSocketFrameAggregator} sits in
 * front) and are handled on the connection's Vert.x context; pings are answered (while the channel
 * is writable), pongs and text frames count as liveness, a close frame is echoed (RFC 6455 §5.5.1)
 * and closes the channel, a frame breaking RFC 6455 is answered with close 1002 (1007 for a close
 * reason that is not UTF-8).
 * Frames that arrive before {@code welcome} was sent (token verification, the user's channel)
 * wait here, at most {@link #MAX_EARLY}.
 */
final class WebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  static final int MAX_EARLY = 16;

  private final ContextInternal context;
  private final Consumer<Connection> onClosed;
  private final ArrayDeque<WebSocketFrame> early = new ArrayDeque<>();
  private Connection connection;
  private FrameDispatcher dispatcher;

  WebSocketHandler(ContextInternal context, Consumer<Connection> onClosed) {
    this.context = context;
    this.onClosed = onClosed;
  }

  /** Binds the authenticated connection (its close is reported from now on); on the event loop. */
  void bind(Connection connection) {
    this.connection = connection;
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
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (dispatcher == null) {
      if (early.size() >= MAX_EARLY) {
        ctx.close();
      } else {
        early.add(frame.retain());
      }
      return;
    }
    handle(frame);
  }

  private void handle(WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame text) {
      int bytes = text.content().readableBytes();
      String body = text.text();
      context.dispatch(body, t -> dispatcher.dispatch(connection, t, bytes));
    } else if (frame instanceof BinaryWebSocketFrame) {
      connection.touch();
      context.dispatch(null, v -> dispatcher.reject(connection, null, ErrorCode.BINARY_NOT_SUPPORTED,
          "switchboard.v1 uses text frames only"));
    } else if (frame instanceof PingWebSocketFrame) {
      connection.touch();
      // a peer that does not read gets no more pongs, so its pings cannot pile them up here
      // (RFC 6455 §5.5.3 lets an endpoint answer only the latest ping; found by FuzzIT, issue 7)
      if (connection.channel().isWritable()) {
        connection.channel().writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
      }
    } else if (frame instanceof PongWebSocketFrame) {
      connection.touch();
    } else if (frame instanceof CloseWebSocketFrame close) {
      if (connection.isClosed()) {
        connection.channel().close(); // the peer answered our close
      } else {
        connection.markClosed();
        connection.channel().writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
      }
    }
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
      ctx.writeAndFlush(new CloseWebSocketFrame(CloseCode.MESSAGE_TOO_BIG.code(), CloseCode.MESSAGE_TOO_BIG.reason()))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (cause instanceof CorruptedWebSocketFrameException broken && ctx.channel().isActive()
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
}
