package io.switchboard.bench;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One probe connection ({@link Probe}): answers the client frames of switchboard.v1 that {@link
 * Conn} sends ({@code join}, {@code publish}, {@code ping}; anything else gets an {@code error}),
 * sends {@code welcome} once the upgrade is done, and serves {@code GET /health}. Client frames are
 * scanned, not parsed: the fields are found by key ({@link ProbeJson}), which is exact for the
 * generator's frames. All state is confined to the channel's event loop.
 */
final class ProbeHandler extends ChannelInboundHandlerAdapter {
  private static final AtomicLong CONNECTIONS = new AtomicLong();

  private final ProbeRooms rooms;
  private final Set<String> joined = new HashSet<>();

  /** Where raw (pre-encoded) frames enter the pipeline: just before the WebSocket encoder. */
  private ChannelHandlerContext raw;

  ProbeHandler(ProbeRooms rooms) {
    this.rooms = rooms;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof HandshakeComplete) {
      ChannelHandlerContext enc = ctx.pipeline().context(WebSocketFrameEncoder.class);
      raw = enc != null ? enc : ctx;
      send(
          ctx,
          "{\"type\":\"welcome\",\"data\":{\"connection\":\"p"
              + CONNECTIONS.incrementAndGet()
              + "\",\"user\":null,\"node\":\"probe\",\"heartbeat\":25}}");
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame f) {
        onText(ctx, ByteBufUtil.getBytes(f.content()));
      } else if (msg instanceof FullHttpRequest req) {
        health(ctx, req);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onText(ChannelHandlerContext ctx, byte[] a) {
    String type = ProbeJson.string(a, "type");
    String id = ProbeJson.raw(a, "id");
    String idField = id == null ? "" : "\"id\":" + id + ",";
    String room = ProbeJson.string(a, "room");
    switch (type == null ? "" : type) {
      case "publish" -> {
        int[] data = ProbeJson.span(a, "data");
        if (room == null || data == null) {
          error(ctx, idField, "bad_request", "publish needs room and data");
          return;
        }
        String event = ProbeJson.string(a, "event");
        long offset = rooms.nextOffset(room);
        send(
            ctx,
            "{\"type\":\"ack\","
                + idField
                + "\"room\":\""
                + room
                + "\",\"offset\":"
                + offset
                + "}");
        rooms.publish(ctx.alloc(), room, event, offset, a, data[0], data[1]);
      }
      case "join" -> {
        if (room == null) {
          error(ctx, idField, "bad_request", "join needs room");
          return;
        }
        if (joined.add(room)) rooms.join(raw, room);
        send(ctx, "{\"type\":\"joined\"," + idField + "\"room\":\"" + room + "\",\"data\":{}}");
      }
      case "leave" -> {
        if (room != null && joined.remove(room)) rooms.leave(raw, room);
        send(ctx, "{\"type\":\"left\"," + idField + "\"room\":\"" + room + "\"}");
      }
      case "ping" -> send(ctx, "{\"type\":\"pong\"" + (id == null ? "" : ",\"id\":" + id) + "}");
      default -> error(ctx, idField, "unsupported", "the probe speaks join/publish/ping only");
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    for (String room : joined) rooms.leave(raw, room);
    joined.clear();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void error(ChannelHandlerContext ctx, String idField, String code, String message) {
    send(
        ctx,
        "{\"type\":\"error\","
            + idField
            + "\"code\":\""
            + code
            + "\",\"message\":\""
            + message
            + "\"}");
  }

  private static void send(ChannelHandlerContext ctx, String json) {
    ctx.writeAndFlush(new TextWebSocketFrame(json), ctx.voidPromise());
  }

  /** {@code GET /health}: 200 with the heap used (read by the generator's heap/conn column). */
  private static void health(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean ok = req.uri().startsWith("/health");
    byte[] body =
        (ok
                ? "{\"status\":\"ok\",\"heapUsed\":"
                    + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                    + "}"
                : "{\"error\":\"not found\"}")
            .getBytes(StandardCharsets.UTF_8);
    FullHttpResponse resp =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            ok ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
            Unpooled.wrappedBuffer(body));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
  }
}
