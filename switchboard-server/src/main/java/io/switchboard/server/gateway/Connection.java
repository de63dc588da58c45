package io.switchboard.server.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.ops.GatewayMetrics.SlowConsumer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One client WebSocket (SPEC C1): its identity, its rooms, and its bounded outbound queue.
 *
 * <p><b>Order.</b> Every data frame for this connection goes through {@link #send} or {@link
 * #deliverOnLoop}: frames are written on the connection's event loop in the order they were handed
 * over, and a frame that cannot be written at once waits in one FIFO queue behind the others,
 * whichever thread handed it over.
 *
 * <p><b>Writes.</b> Frames are pre-encoded WebSocket frames ({@link WireFrames}) written straight
 * to the Netty channel; Vert.x only performs the handshake, then {@link WebSocketHandler} owns the
 * channel.
 *
 * <p><b>Pressure.</b> While the channel is not writable (Netty's write buffer is over its high
 * water mark) frames wait in the queue; at most {@code maxQueued} frames and {@code maxQueuedBytes}
 * bytes may wait (a single larger frame is accepted into an empty queue, so a large {@code joined}
 * still goes out); one more closes the connection with {@link CloseCode#SLOW_CONSUMER} instead of
 * slowing the room down (issue 7). Writing resumes when the channel becomes writable again. Pongs
 * are not queued, but at most one is in flight: a ping arriving meanwhile is answered once that one
 * is written, only the latest (RFC 6455 §5.5.3).
 */
public final class Connection {
  private final String id;
  private final long sequence;
  private final Principal principal;
  private final Channel channel;
  private final Context context;
  private final int maxQueued;
  private final long maxQueuedBytes;
  private final GatewayMetrics metrics;
  private final Queue<ByteBuf> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicInteger pendingPublishes = new AtomicInteger();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ConnectionRooms rooms = new ConnectionRooms();
  private final RateLimiter rateLimiter;
  private volatile long lastSeen = System.nanoTime();
  private Future<?> lastPublish = Future.succeededFuture();
  private volatile Future<Void> userSubscription = Future.failedFuture("not subscribed");
  private final boolean writeCoalescing; // client.writeCoalescing
  private boolean flushPending; // event loop only: written by deliverOnLoop, flush scheduled
  private boolean pongInFlight; // event loop only
  private ByteBuf nextPong; // event loop only: the latest ping's payload, while a pong is in flight
  private volatile UnaryOperator<ByteBuf> dialect; // a watch socket's translation, or null

  Connection(
      String id,
      long sequence,
      Principal principal,
      Channel channel,
      Context context,
      int maxQueued,
      long maxQueuedBytes,
      RateLimiter rateLimiter,
      GatewayMetrics metrics,
      boolean writeCoalescing) {
    this.id = id;
    this.writeCoalescing = writeCoalescing;
    this.sequence = sequence;
    this.principal = principal;
    this.channel = channel;
    this.context = context;
    this.maxQueued = maxQueued;
    this.maxQueuedBytes = maxQueuedBytes;
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
    channel
        .pipeline()
        .addFirst(
            "switchboard-writability",
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable()) {
                  drain();
                }
                ctx.fireChannelWritabilityChanged();
              }
            });
  }

  /**
   * The connection id, unique in the cluster: {@code <node id>.<node-local sequence in base 36>},
   * e.g. {@code node-1a2b.3f}; in {@code welcome} and presence entries.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /** The node-local sequence number the id was made from. */
  long sequence() {
    return sequence;
  }

  /**
   * The authenticated user id.
   *
   * @return the token's {@code sub}, or {@code null} for an anonymous connection
   */
  public String user() {
    return principal.user();
  }

  /**
   * The verified token's identity and claims.
   *
   * @return the principal; {@link Principal#ANONYMOUS} without a token
   */
  public Principal principal() {
    return principal;
  }

  /** The rooms this connection joined or is joining. */
  ConnectionRooms rooms() {
    return rooms;
  }

  /**
   * {@code future}, completed on this connection's event loop (at once when it is already complete
   * and the caller is on the loop), so that state confined to the loop can be touched in callbacks.
   */
  <T> Future<T> onLoop(Future<T> future) {
    if (future.isComplete() && Vertx.currentContext() == context) {
      return future;
    }
    Promise<T> done = Promise.promise();
    future.onComplete(ar -> context.runOnContext(v -> done.handle(ar)));
    return done.future();
  }

  /**
   * The subscription of the node to this user's channel, made when the connection opened: its
   * reference is released on close only if it was taken (a subscribe that failed took none).
   */
  Future<Void> userSubscription() {
    return userSubscription;
  }

  void userSubscription(Future<Void> subscription) {
    this.userSubscription = subscription;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /**
   * Whether the connection was closed (by either side); once true, it stays true and frames are no
   * longer sent.
   *
   * @return whether it is closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  void touch() {
    lastSeen = System.nanoTime();
  }

  long lastSeenNanos() {
    return lastSeen;
  }

  /**
   * Runs {@code publish} once this connection's previous publication has completed (either way), so
   * its publications are appended in the order the client sent them. Called on the connection's
   * event loop.
   */
  <T> Future<T> afterPreviousPublish(Supplier<Future<T>> publish) {
    pendingPublishes.incrementAndGet();
    Future<T> next = lastPublish.transform(ignored -> publish.get());
    lastPublish = next;
    next.onComplete(ar -> pendingPublishes.decrementAndGet());
    return next;
  }

  /** Bytes of the frames waiting in the outbound queue (tests). */
  long queuedBytes() {
    return queuedBytes.get();
  }

  /** Publishes handed to {@link #afterPreviousPublish} and not completed yet. */
  int pendingPublishes() {
    return pendingPublishes.get();
  }

  /** The Netty channel of the socket. */
  Channel channel() {
    return channel;
  }

  /** The event-loop context the connection's socket belongs to. */
  Context context() {
    return context;
  }

  /**
   * Sends one encoded JSON text frame (a reply or a frame for this connection only); thread-safe
   * and non-blocking. Written at once on the connection's event loop, else queued behind earlier
   * frames; dropped silently once closed. A frame that takes the queue over {@code
   * client.outboundQueueFrames} or {@code outboundQueueBytes} closes the connection with 4008
   * instead. See {@link #sendWire}.
   *
   * @param json one JSON object, UTF-8
   */
  public void send(byte[] json) {
    sendWire(WireFrames.text(json, false));
  }

  /**
   * Queues one pre-encoded frame and makes sure it is written: at once on the connection's own
   * event loop (a burst of replies to one read never piles up), otherwise by a task scheduled
   * there. The buffer may be shared with other connections; it is only ever duplicated.
   */
  void sendWire(ByteBuf frame) {
    UnaryOperator<ByteBuf> d = dialect;
    if (d != null && (frame = d.apply(frame)) == null) {
      return;
    }
    enqueue(frame);
  }

  /**
   * Makes this a watch socket ({@link WatchMode}): every frame meant for the native protocol passes
   * {@code translate} first, which returns the frame to write instead or {@code null} to drop it.
   * Frames sent with {@link #sendOwn} bypass it.
   */
  void dialect(UnaryOperator<ByteBuf> translate) {
    this.dialect = translate;
  }

  /** Sends one JSON text frame as it is, past the {@link #dialect}; thread-safe. */
  void sendOwn(byte[] json) {
    enqueue(WireFrames.text(json, false));
  }

  private void enqueue(ByteBuf frame) {
    if (closed.get()) {
      return;
    }
    int size = frame.readableBytes();
    int frames = queued.incrementAndGet();
    long bytes = queuedBytes.addAndGet(size);
    metrics.queuedBytes(size);
    SlowConsumer over =
        frames > maxQueued
            ? SlowConsumer.FRAMES
            : bytes > maxQueuedBytes && bytes > size ? SlowConsumer.BYTES : null;
    if (over != null) {
      dequeued(size);
      metrics.slowConsumerClosed(over);
      close(CloseCode.SLOW_CONSUMER);
      return;
    }
    outbox.add(frame);
    if (closed.get() && !channel.isActive()) {
      clearOutbox(); // closed meanwhile and gone: nothing will write it (markClosed may have run)
      return;
    }
    if (drainScheduled.compareAndSet(false, true)) {
      if (Vertx.currentContext() == context) {
        drain();
      } else {
        context.runOnContext(v -> drain());
      }
    }
  }

  /**
   * Fan-out fast path, on {@link #context()} only: writes {@code frame} straight to the channel
   * when nothing is queued before it and the channel is writable, and flushes it at once, or with
   * {@code batchFlush} or {@code client.writeCoalescing} at the end of the loop pass with the
   * connection's other such frames ({@link LoopFlush}: one write system call for all of them);
   * otherwise queues it behind the others, so order and the slow-consumer bound hold. The caller
   * counts the frame in the metrics.
   */
  void deliverOnLoop(ByteBuf frame, boolean batchFlush) {
    batchFlush |= writeCoalescing;
    UnaryOperator<ByteBuf> d = dialect;
    if (closed.get() || (d != null && (frame = d.apply(frame)) == null)) {
      return;
    }
    if (outbox.isEmpty() && !drainScheduled.get() && channel.isWritable()) {
      if (!batchFlush) {
        channel.writeAndFlush(frame.duplicate(), channel.voidPromise());
        return;
      }
      channel.write(frame.duplicate(), channel.voidPromise());
      if (!flushPending) {
        flushPending = true;
        LoopFlush.later(this);
      }
    } else {
      enqueue(frame);
    }
  }

  /** Flushes what {@link #deliverOnLoop} wrote ({@link LoopFlush}); on the event loop. */
  void flushNow() {
    flushPending = false;
    channel.flush();
  }

  /** Writes queued frames while the channel is writable, then flushes once. On the event loop. */
  void drain() {
    drainScheduled.set(false);
    boolean wrote = false;
    ByteBuf frame;
    while (!closed.get() && channel.isWritable() && (frame = outbox.poll()) != null) {
      write(frame);
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
  }

  private void write(ByteBuf frame) {
    dequeued(frame.readableBytes());
    metrics.frameOut(WireFrames.payloadLength(frame));
    channel.write(frame.duplicate(), channel.voidPromise());
  }

  /** Accounts for a frame that left the queue. */
  private void dequeued(int size) {
    queued.decrementAndGet();
    queuedBytes.addAndGet(-size);
    metrics.queuedBytes(-size);
  }

  /** Drops every queued frame; thread-safe (each frame is polled once). */
  private void clearOutbox() {
    ByteBuf frame;
    while ((frame = outbox.poll()) != null) {
      dequeued(frame.readableBytes());
    }
  }

  /**
   * Answers a ping with {@code payload} (taken over); on the event loop. While a pong is in flight
   * (Netty has not written it, the peer is not reading) only the latest payload is kept and sent
   * after it, so pongs never pile up.
   */
  void pong(ByteBuf payload) {
    if (pongInFlight) {
      if (nextPong != null) {
        nextPong.release();
      }
      nextPong = payload;
      return;
    }
    pongInFlight = true;
    channel
        .writeAndFlush(new PongWebSocketFrame(payload))
        .addListener(
            f -> {
              pongInFlight = false;
              ByteBuf next = nextPong;
              nextPong = null;
              if (next != null && f.isSuccess() && channel.isActive()) {
                pong(next);
              } else if (next != null) {
                next.release();
              }
            });
  }

  /** Sends a WebSocket ping (heartbeat) on the connection's event loop. */
  void ping() {
    context.runOnContext(
        v -> {
          if (!closed.get() && channel.isActive()) {
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
          }
        });
  }

  /**
   * Closes with a documented code; idempotent (the first code wins) and thread-safe. Frames already
   * queued are written first (so a reply sent just before a 4029 or 1012 arrives), except for
   * {@link CloseCode#SLOW_CONSUMER}, whose queue is dropped because the client is not reading. The
   * TCP connection is dropped when the peer answers, or {@value #CLOSE_GRACE_MILLIS} ms after the
   * close frame; leaving the rooms follows.
   *
   * @param code the close code and its reason
   */
  public void close(CloseCode code) {
    if (closed.compareAndSet(false, true)) {
      if (code == CloseCode.SLOW_CONSUMER) {
        clearOutbox();
      }
      context.runOnContext(
          v -> {
            ByteBuf frame;
            while (channel.isActive() && (frame = outbox.poll()) != null) {
              write(frame);
            }
            clearOutbox();
            closeHandshake(channel, new CloseWebSocketFrame(code.code(), code.reason()));
          });
    }
  }

  /** How long a closing connection waits for the peer's close frame before dropping TCP. */
  static final long CLOSE_GRACE_MILLIS = 5_000;

  /**
   * The server side of the closing handshake (RFC 6455 §7.1.2): sends {@code close}, then shuts the
   * output down (a FIN after the queued data, so a peer that reads late still gets the close code,
   * and no reset), and drops the connection when the peer answers or after {@link
   * #CLOSE_GRACE_MILLIS}, whichever comes first.
   */
  static void closeHandshake(Channel channel, CloseWebSocketFrame close) {
    channel
        .writeAndFlush(close)
        .addListener(
            f -> {
              if (f.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
              }
            });
    channel
        .eventLoop()
        .schedule(
            () -> {
              channel.close();
            },
            CLOSE_GRACE_MILLIS,
            java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Marks the connection closed after the peer closed it. */
  void markClosed() {
    closed.set(true);
    clearOutbox();
  }
}
