package io.switchboard.agent;

import io.switchboard.agent.forward.Forwarder;
import io.switchboard.agent.link.Backoff;
import io.switchboard.agent.link.Envelope;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel agent (SPEC C4, seed 000's controller): keeps one WebSocket to {@code
 * <gateway>/event/ws?project_id=<project>} open, with headers {@code connection_id} (the same on
 * every reconnect) and {@code Authorization: Bearer <token>}, and answers each request envelope
 * through the {@link Dispatcher}. Reconnects with {@link Backoff} (full jitter) after a refusal, a
 * close or {@code idleTimeout} without any frame; the backoff starts over once a connection got its
 * {@code welcome} or stayed up {@link #STABLE_AFTER}. Replies to requests of a connection that is
 * gone are dropped (the node has failed them already). Everything runs on one Vert.x context.
 */
public final class Agent {
  /** A connection up this long resets the backoff even without a welcome. */
  public static final Duration STABLE_AFTER = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  private static final int DEFAULT_FRAME = 65536;

  private final Vertx vertx;
  private final AgentOptions options;
  private final Context context;
  private final WebSocketClient sockets;
  private final HttpClientAgent http;
  private final Dispatcher dispatcher;
  private final Backoff backoff;
  private final Refusals refusals = new Refusals(LOG);
  private WebSocket current;
  private Future<WebSocket> connecting;
  private long lastFrameNanos;
  private long idleTimer = -1;
  private long stableTimer = -1;
  private long reconnectTimer = -1;
  private boolean started;
  private boolean stopped;
  private Future<Void> stopping;
  private volatile boolean connected;

  private Agent(Vertx vertx, AgentOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.context = vertx.getOrCreateContext();
    long message = Math.min(Integer.MAX_VALUE, options.maxBodyBytes() * 2 + DEFAULT_FRAME);
    this.sockets =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setConnectTimeout(10_000)
                .setClosingTimeout(2)
                .setMaxMessageSize((int) Math.max(message, DEFAULT_FRAME * 4L)));
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(options.maxInFlight()));
    this.dispatcher =
        new Dispatcher(
            options.routes(),
            new Forwarder(vertx, http, options.maxBodyBytes(), options.upstreamTimeout()),
            options.maxInFlight());
    this.backoff = Backoff.jittered(options.backoffInitial(), options.backoffMax());
  }

  /**
   * @param vertx the Vert.x instance; the agent takes a context of its own from it
   * @param options what to connect to and the limits
   * @return an agent, not yet connecting ({@link #start})
   */
  public static Agent create(Vertx vertx, AgentOptions options) {
    return new Agent(vertx, options);
  }

  /**
   * Starts connecting; later failures are retried forever (logged, the token never).
   *
   * @return completes once the first attempt is under way
   */
  public Future<Void> start() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(
        v -> {
          if (!started && !stopped) {
            started = true;
            LOG.info(
                "agent {} connecting to {} with routes {}",
                options.connectionId(),
                options.endpoint(),
                options.routes());
            connect();
          }
          promise.complete();
        });
    return promise.future();
  }

  /**
   * Graceful stop: stops reconnecting, closes the WebSocket with status 1000 (waiting for a
   * connection attempt under way, at most its 10 s handshake timeout) and the HTTP clients.
   * Requests in flight are abandoned.
   *
   * @return completes once the close frame is sent (or there was no connection); a second call
   *     returns when the first is done
   */
  public Future<Void> stop() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(
        v -> {
          if (stopping != null) {
            stopping.onComplete(promise);
            return;
          }
          stopping = promise.future();
          stopped = true;
          cancelTimers();
          vertx.cancelTimer(reconnectTimer);
          WebSocket ws = current;
          current = null;
          connected = false;
          Future<WebSocket> open =
              ws != null
                  ? Future.succeededFuture(ws)
                  : connecting != null && !connecting.isComplete()
                      ? connecting
                      : Future.succeededFuture();
          Future<Void> closing =
              open.transform(
                  ar ->
                      ar.failed() || ar.result() == null || ar.result().isClosed()
                          ? Future.succeededFuture()
                          : ar.result()
                              .close((short) 1000, "agent stopping")
                              .recover(e -> Future.succeededFuture()));
          closing
              .compose(x -> sockets.close().recover(e -> Future.succeededFuture()))
              .compose(x -> http.close().recover(e -> Future.succeededFuture()))
              .onComplete(
                  x -> {
                    LOG.info("agent {} stopped", options.connectionId());
                    promise.complete();
                  });
        });
    return promise.future();
  }

  /**
   * @return whether a WebSocket to the node is open now
   */
  public boolean connected() {
    return connected;
  }

  /**
   * @return the options, e.g. for the connection id
   */
  public AgentOptions options() {
    return options;
  }

  private void connect() {
    if (stopped) {
      return;
    }
    WebSocketConnectOptions connect =
        new WebSocketConnectOptions()
            .setAbsoluteURI(options.endpoint())
            .setTimeout(10_000)
            .addHeader("connection_id", options.connectionId())
            .addHeader("Authorization", "Bearer " + options.token());
    connecting = sockets.connect(connect);
    connecting.onComplete(
        ar -> {
          if (ar.succeeded()) {
            opened(ar.result());
          } else {
            refusals.failed(ar.cause());
            reconnectLater();
          }
        });
  }

  private void opened(WebSocket ws) {
    if (stopped) {
      return; // stop() waited for this attempt and closes it with 1000
    }
    current = ws;
    connected = true;
    refusals.connected();
    lastFrameNanos = System.nanoTime();
    LOG.info("agent {} connected to {}", options.connectionId(), options.endpoint());
    ws.frameHandler(frame -> lastFrameNanos = System.nanoTime());
    ws.textMessageHandler(text -> received(ws, text));
    ws.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.toString()));
    ws.closeHandler(
        v ->
            closed(
                ws, "closed by the node (" + ws.closeStatusCode() + " " + ws.closeReason() + ")"));
    long idle = options.idleTimeout().toMillis();
    idleTimer =
        vertx.setPeriodic(
            Math.max(10, Math.min(1000, idle / 4)),
            t -> {
              if ((System.nanoTime() - lastFrameNanos) / 1_000_000 >= idle) {
                closed(ws, "no frame for " + options.idleTimeout().toMillis() + " ms");
                ws.close((short) 1001, "idle timeout");
              }
            });
    stableTimer = vertx.setTimer(STABLE_AFTER.toMillis(), t -> backoff.reset());
  }

  private void received(WebSocket ws, String text) {
    if (ws != current) {
      return;
    }
    JsonObject json = Envelope.decode(text).orElse(null);
    if (json == null) {
      LOG.debug("ignored a frame that is not a JSON object ({} chars)", text.length());
      return;
    }
    Envelope request = Envelope.of(json).orElse(null);
    if (request == null) {
      if ("welcome".equals(json.getValue("type"))) {
        LOG.debug("welcome from node {}", json.getValue("node"));
        backoff.reset();
      } else {
        LOG.debug("ignored a frame without id (type {})", json.getValue("type"));
      }
      return;
    }
    dispatcher
        .handle(request)
        .onSuccess(
            reply -> {
              if (ws != current || ws.isClosed()) {
                LOG.debug("dropped the reply to {}: its connection is gone", request.id());
                return;
              }
              ws.writeTextMessage(reply.encode())
                  .onFailure(
                      e -> LOG.debug("reply to {} not sent: {}", request.id(), e.toString()));
            });
  }

  /** Forgets {@code ws} (once) and schedules the next connection. */
  private void closed(WebSocket ws, String why) {
    if (ws != current) {
      return;
    }
    current = null;
    connected = false;
    cancelTimers();
    if (!stopped) {
      LOG.warn("agent {} disconnected: {}", options.connectionId(), why);
      reconnectLater();
    }
  }

  private void reconnectLater() {
    if (stopped) {
      return;
    }
    long delay = backoff.nextMillis();
    LOG.debug("reconnecting in {} ms", delay);
    reconnectTimer = vertx.setTimer(Math.max(1, delay), t -> connect());
  }

  private void cancelTimers() {
    vertx.cancelTimer(idleTimer);
    vertx.cancelTimer(stableTimer);
    idleTimer = -1;
    stableTimer = -1;
  }
}
