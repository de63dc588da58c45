package io.switchboard.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ResourceLeakDetector;

/**
 * The kernel-limit probe of issue 13 point 1: a minimal Netty server that does only what the kernel
 * must for a fan-out, so that every fan-out figure can also be read as a fraction of this limit. It
 * speaks just the subset of switchboard.v1 that {@link Conn} uses ({@code welcome} after the
 * upgrade, {@code join} → {@code joined}, {@code publish} → {@code ack} + one {@code event} per
 * member, {@code ping} → {@code pong}) on {@code ws://host:port/ws}; {@code GET /health} answers
 * 200 with {@code {"status":"ok","heapUsed":<bytes>}}. No auth, history, presence or limits.
 *
 * <p>The fan-out path ({@link ProbeRooms}) encodes ONE server text frame per publish and writes a
 * retained duplicate of it raw to every member, on the member's own event loop.
 *
 * <p>Usage: {@code java -cp switchboard-bench.jar io.switchboard.bench.Probe [port [eventLoops]]}
 * (port 8100; event loops 2 × cores, Vert.x's default, as Switchboard's). Uses epoll when {@link
 * Epoll#isAvailable()}, else NIO, and prints which. Runs until killed.
 */
public final class Probe {
  private Probe() {}

  /**
   * Starts the probe and blocks until its server channel closes.
   *
   * @param args {@code [port [eventLoops]]}
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8100;
    int loops =
        args.length > 1
            ? Integer.parseInt(args[1])
            : 2 * Runtime.getRuntime().availableProcessors();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channel =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(loops, io);
    ProbeRooms rooms = new ProbeRooms(workers);
    WebSocketServerProtocolConfig ws =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/ws")
            .checkStartsWith(true)
            .maxFramePayloadLength(1 << 20)
            .handshakeTimeoutMillis(15_000)
            .build();
    try {
      Channel server =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(channel)
              .option(ChannelOption.SO_BACKLOG, 8192)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(1 << 16))
                          .addLast(new WebSocketServerProtocolHandler(ws))
                          .addLast(new WebSocketFrameAggregator(1 << 20))
                          .addLast(new ProbeHandler(rooms));
                    }
                  })
              .bind(port)
              .sync()
              .channel();
      System.out.printf(
          "probe listening on ws://0.0.0.0:%d/ws, transport %s, %d event loops%n",
          port, epoll ? "epoll" : "NIO", loops);
      System.out.flush();
      server.closeFuture().sync();
    } finally {
      boss.shutdownGracefully();
      workers.shutdownGracefully();
    }
  }
}
