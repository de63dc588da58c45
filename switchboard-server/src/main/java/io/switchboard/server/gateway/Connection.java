package io.switchboard.server.gateway;

import io.switchboard.server.auth.Principal;
import io.switchboard.server.ops.GatewayMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client WebSocket (SPEC C1): its identity, its rooms, and its bounded outbound queue.
 *
 * <p><b>Order.</b> Every frame for this connection goes through {@link #send}, which appends to
 * one queue drained on the connection's event loop, so frames reach the client in the order
 * {@code send} was called, whichever thread called it.
 *
 * <p><b>Pressure.</b> At most {@code maxQueued} frames may wait (in this queue, plus whatever
 * Netty holds once the socket's write queue is full). One more closes the connection with
 * {@link CloseCode#SLOW_CONSUMER} instead of slowing the room down.
 */
public final class Connection {
  private final String id;
  private final Principal principal;
  private final ServerWebSocket ws;
  private final Context context;
  private final int maxQueued;
  private final GatewayMetrics metrics;
  private final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<String> rooms = ConcurrentHashMap.newKeySet();
  private final RateLimiter rateLimiter;
  private volatile long lastSeen = System.nanoTime();

  Connection(String id, Principal principal, ServerWebSocket ws, Context context, int maxQueued,
      RateLimiter rateLimiter, GatewayMetrics metrics) {
    this.id = id;
    this.principal = principal;
    this.ws = ws;
    this.context = context;
    this.maxQueued = maxQueued;
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
    ws.drainHandler(v -> drain());
  }

  /** The connection id, unique in the cluster. */
  public String id() {
    return id;
  }

  /** The authenticated user id, or {@code null} for an anonymous connection. */
  public String user() {
    return principal.user();
  }

  /** The verified token's identity and claims. */
  public Principal principal() {
    return principal;
  }

  /** The rooms this connection joined (or is joining); thread-safe. */
  public Set<String> rooms() {
    return rooms;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** Whether the connection was closed (by either side). */
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
   * Queues one encoded text frame and makes sure it is written; thread-safe and non-blocking.
   * On the connection's own event loop the queue is written at once (a burst of replies to one
   * read never piles up); from other threads a write task is scheduled. The bytes may be shared
   * with other connections and are never modified.
   */
  public void send(byte[] frame) {
    if (enqueue(frame)) {
      if (Vertx.currentContext() == context) {
        drain();
      } else {
        context.runOnContext(v -> drain());
      }
    }
  }

  /**
   * Queues a frame without writing it (fan-out batches the writes per event loop, see {@link
   * DrainBatch}).
   *
   * @return true when the caller must arrange a {@link #drain()} on {@link #context()}
   */
  boolean enqueue(byte[] frame) {
    if (closed.get()) {
      return false;
    }
    if (queued.incrementAndGet() > maxQueued) {
      metrics.slowConsumerClosed();
      close(CloseCode.SLOW_CONSUMER);
      return false;
    }
    outbox.add(frame);
    return drainScheduled.compareAndSet(false, true);
  }

  /** The event-loop context the connection's socket belongs to. */
  Context context() {
    return context;
  }

  /**
   * Writes queued frames until the queue is empty or the socket is full (its drain handler
   * resumes). Must run on {@link #context()}.
   */
  void drain() {
    drainScheduled.set(false);
    byte[] frame;
    while (!closed.get()) {
      if (ws.isClosed()) {
        markClosed();
        return;
      }
      if (ws.writeQueueFull() || (frame = outbox.poll()) == null) {
        return;
      }
      write(frame);
    }
  }

  private void write(byte[] frame) {
    queued.decrementAndGet();
    metrics.frameOut(frame.length);
    ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame, true));
  }

  /** Sends a WebSocket ping (heartbeat) on the connection's event loop. */
  void ping() {
    context.runOnContext(v -> {
      if (!closed.get() && !ws.isClosed()) {
        ws.writePing(io.vertx.core.buffer.Buffer.buffer());
      }
    });
  }

  /**
   * Closes with a documented code; idempotent and thread-safe. Frames already queued are written
   * first (so a reply sent just before a 4029 or 1012 arrives), except for {@link
   * CloseCode#SLOW_CONSUMER}, whose queue is dropped because the client is not reading.
   */
  public void close(CloseCode code) {
    if (closed.compareAndSet(false, true)) {
      if (code == CloseCode.SLOW_CONSUMER) {
        outbox.clear();
      }
      context.runOnContext(v -> {
        byte[] frame;
        while (!ws.isClosed() && (frame = outbox.poll()) != null) {
          write(frame);
        }
        outbox.clear();
        if (!ws.isClosed()) {
          ws.close(code.code(), code.reason());
        }
      });
    }
  }

  /** Marks the connection closed after the peer closed it. */
  void markClosed() {
    closed.set(true);
    outbox.clear();
  }
}
