package io.switchboard.engine.redis;

import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.pubsub.PubSub;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis {@link PubSub} (SPEC "Engines"; issue 3 point 1; Centrifugo's subscribe path,
 * realtime-anchors §4). One dedicated RESP3 connection per node carries every {@code SUBSCRIBE};
 * {@link #publish} goes through the command pool. Channel {@code c} is the Redis channel {@code
 * <prefix>.ch.c}; messages are {@link BusMessageCodec} JSON.
 *
 * <ul>
 *   <li>Exact channels, counted per node: {@code SUBSCRIBE} on the first reference (first
 *       references that arrive together share one command), {@code UNSUBSCRIBE} on the last. {@link
 *       #subscribe} completes when Redis confirms it, and fails at once while the connection is
 *       down (no reference is then held). A first subscription lost before its confirmation fails
 *       too; a confirmed channel keeps its references across reconnects, and a subscribe to it
 *       during a resubscription waits for Redis to confirm again.
 *   <li>When the connection drops (or three {@code PING} probes go unanswered) it is reconnected
 *       with doubling, jittered backoff, and every channel with a reference is subscribed again,
 *       {@value #SUBSCRIBE_BATCH} per {@code SUBSCRIBE}. Messages published while it was down are
 *       lost (at-most-once): readiness is red meanwhile, each channel's listener receives {@link
 *       BusMessage.Interrupted} when Redis confirms it again, and room recovery relies on offsets,
 *       not on pub/sub.
 *   <li>The listener runs on this engine's Vert.x context, in Redis delivery order.
 * </ul>
 *
 * Every piece of state is confined to that context; public methods may be called from any thread.
 */
public final class RedisPubSub implements PubSub {
  /**
   * Most channels named in one {@code SUBSCRIBE}, when resubscribing or batching first
   * subscriptions: 512.
   */
  public static final int SUBSCRIBE_BATCH = 512;

  private static final Logger LOG = LoggerFactory.getLogger(RedisPubSub.class);

  private final Vertx vertx;
  private final Redis commands;
  private final RedisPipeline publishes;
  private final Redis dedicated;
  private final RedisKeys keys;
  private final RedisEngineOptions options;
  private final Context context;
  private final RedisSubscriptions subs = new RedisSubscriptions();
  private final List<Promise<Void>> pongWaiters = new ArrayList<>();
  private volatile BiConsumer<String, BusMessage> listener;
  private volatile RedisConnection conn;
  private volatile long connectionId = -1;
  private volatile long reconnects;
  private boolean closed;
  private volatile boolean stopped; // set by close(), read on any thread: no task after close
  private long backoffMs;
  private long lastPong;
  private long probeTimer = -1;
  private long reconnectTimer = -1;

  RedisPubSub(Vertx vertx, Redis commands, RedisKeys keys, RedisEngineOptions options) {
    this.vertx = vertx;
    this.commands = commands;
    this.publishes = new RedisPipeline(commands);
    this.keys = keys;
    this.options = options;
    this.context = vertx.getOrCreateContext();
    this.dedicated =
        new TimedRedis(
            vertx,
            Redis.createClient(
                vertx,
                new RedisOptions()
                    .setConnectionString(options.connectionString())
                    .setMaxPoolSize(1)
                    .setPreferredProtocolVersion(ProtocolVersion.RESP3)),
            options.commandTimeout());
    this.backoffMs = options.reconnectMin().toMillis();
  }

  /** Connects the pub/sub connection and starts the liveness probe; fails if unreachable. */
  Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(
        v -> {
          long every = options.probeInterval().toMillis();
          probeTimer = vertx.setPeriodic(every, every, id -> probe());
          connect().onComplete(started);
        });
    return started.future();
  }

  /** {@inheritDoc} Replaces any previous listener. */
  @Override
  public void listen(BiConsumer<String, BusMessage> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * {@inheritDoc} Fails with {@link IllegalStateException} while the pub/sub connection is down,
   * after {@link RedisEngine#close}, or when the connection drops before Redis confirmed a first
   * subscription; none of these holds a reference.
   */
  @Override
  public Future<Void> subscribe(String channel) {
    Objects.requireNonNull(channel, "channel");
    if (stopped) {
      return Future.failedFuture(new IllegalStateException("Redis pub/sub closed"));
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          RedisConnection c = conn;
          if (closed || c == null) {
            done.fail(new IllegalStateException("Redis pub/sub connection is down"));
            return;
          }
          if (subs.add(channel)) {
            queueSubscribe(channel);
          }
          subs.confirmation(channel).onComplete(done);
        });
    return done.future();
  }

  /**
   * First subscriptions that arrive together (a connect storm joining many rooms) go out as one
   * {@code SUBSCRIBE}: the channel waits for the tasks already queued on the context, then one
   * command names every channel still referenced, at most {@value #SUBSCRIBE_BATCH} each.
   */
  private void queueSubscribe(String channel) {
    if (subs.queue(channel)) {
      context.runOnContext(
          v -> {
            RedisConnection c = conn; // when lost, the reconnect resubscribes every channel anyway
            subs.drainQueued(SUBSCRIBE_BATCH)
                .forEach(
                    batch -> {
                      if (c != null) {
                        send(c, batch, Command.SUBSCRIBE);
                      }
                    });
          });
    }
  }

  /**
   * {@inheritDoc} Completes, never failing, once the {@code UNSUBSCRIBE} (sent only for the last
   * reference, while connected) was answered or failed; at once after the engine closed.
   */
  @Override
  public Future<Void> unsubscribe(String channel) {
    Objects.requireNonNull(channel, "channel");
    if (stopped) {
      return Future.succeededFuture(); // nothing to release once closed
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          if (!subs.remove(channel)) {
            done.complete();
            return;
          }
          RedisConnection c = conn;
          if (c == null) {
            done.complete();
          } else {
            send(c, List.of(channel), Command.UNSUBSCRIBE).onComplete(ar -> done.complete());
          }
        });
    return done.future();
  }

  /**
   * {@inheritDoc} {@code PUBLISH} on the command pool, pipelined with the other publishes of this
   * event-loop pass ({@link RedisPipeline}); fails if Redis is unreachable.
   */
  @Override
  public Future<Void> publish(String channel, BusMessage message) {
    return publishCounted(channel, message).mapEmpty();
  }

  /**
   * {@inheritDoc} The reply of {@code PUBLISH}: the Redis connections subscribed to the channel,
   * one per node (each node's one pub/sub connection).
   */
  @Override
  public Future<Long> publishCounted(String channel, BusMessage message) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(message, "message");
    String name = keys.channel(channel);
    String body = BusMessageCodec.encode(message);
    Request publish = Request.cmd(Command.PUBLISH).arg(name).arg(body);
    return publishes
        .send(publish, 32 + name.length() + body.length(), () -> commands.send(publish))
        .map(r -> r == null ? -1L : r.toLong());
  }

  /** The {@code PUBLISH}es waiting for their pipelined batch ({@link RedisPipeline#waiting}). */
  int pipelineWaiting() {
    return publishes.waiting();
  }

  /**
   * Readiness of the pub/sub connection: succeeds when a {@code PING} sent on it now is answered
   * within the probe interval (at least 1 s), else fails with a {@link TimeoutException}; fails at
   * once with an {@link IllegalStateException} while it is down.
   */
  public Future<Void> probeNow() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          RedisConnection c = conn;
          if (c == null) {
            done.fail(new IllegalStateException("Redis pub/sub connection is down"));
            return;
          }
          pongWaiters.add(done);
          ping(c);
          vertx.setTimer(
              Math.max(1000, options.probeInterval().toMillis()),
              t -> done.tryFail(new TimeoutException("no PONG on the Redis pub/sub connection")));
        });
    return done.future();
  }

  /** Redis's {@code CLIENT ID} of the current pub/sub connection, -1 while down (tests, ops). */
  public long connectionId() {
    return conn == null ? -1 : connectionId;
  }

  /** How many times the pub/sub connection was re-established after a loss, since the start. */
  public long reconnects() {
    return reconnects;
  }

  /** Closes the pub/sub connection and its client; stops probing and reconnecting. */
  Future<Void> close() {
    stopped = true;
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          closed = true;
          vertx.cancelTimer(probeTimer);
          vertx.cancelTimer(reconnectTimer);
          RedisConnection c = conn;
          conn = null;
          failWaiters(new IllegalStateException("closed"));
          Future<Void> closing = c == null ? Future.succeededFuture() : c.close();
          closing.transform(ar -> dedicated.close()).onComplete(ar -> done.complete());
        });
    return done.future();
  }

  /**
   * Connects (within {@code commandTimeout}) and asks for the connection's id; a connection that
   * does not answer within {@code commandTimeout} is closed, which fails the attempt, so a
   * reconnect never waits forever (issue 7).
   */
  private Future<Void> connect() {
    long timeout = options.commandTimeout().toMillis();
    return dedicated
        .connect()
        .compose(
            c -> {
              long timer = vertx.setTimer(timeout, t -> c.close());
              return c.send(Request.cmd(Command.CLIENT).arg("ID"))
                  .onComplete(ar -> vertx.cancelTimer(timer))
                  .map(
                      id -> {
                        if (closed) {
                          c.close();
                          throw new IllegalStateException("closed");
                        }
                        c.handler(this::onResponse);
                        c.exceptionHandler(e -> lost(c, e));
                        c.endHandler(v -> lost(c, null));
                        connectionId = id.toLong();
                        lastPong = System.currentTimeMillis();
                        backoffMs = options.reconnectMin().toMillis();
                        conn = c;
                        resubscribe(c);
                        return null;
                      });
            });
  }

  private void resubscribe(RedisConnection c) {
    for (List<String> batch : subs.resubscribe(SUBSCRIBE_BATCH)) {
      send(c, batch, Command.SUBSCRIBE);
    }
  }

  private Future<Response> send(RedisConnection c, List<String> channels, Command cmd) {
    Request r = Request.cmd(cmd);
    for (String ch : channels) {
      r.arg(keys.channel(ch));
      if (cmd == Command.SUBSCRIBE) {
        subs.sent(ch);
      }
    }
    return c.send(r).onFailure(e -> lost(c, e));
  }

  private void lost(RedisConnection c, Throwable cause) {
    if (c != conn) {
      return; // an old connection, already handled
    }
    conn = null;
    c.close();
    LOG.warn(
        "Redis pub/sub connection lost ({}), {} channels to resubscribe",
        cause == null ? "closed by the server" : cause.toString(),
        subs.size());
    failWaiters(new IllegalStateException("Redis pub/sub connection lost"));
    subs.lost(); // never-confirmed subscribes fail; the others are resubscribed
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closed) {
      return;
    }
    long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
    backoffMs = Math.min(backoffMs * 2, options.reconnectMax().toMillis());
    reconnectTimer =
        vertx.setTimer(
            delay,
            t ->
                connect()
                    .onSuccess(
                        v -> {
                          reconnects++;
                          LOG.info(
                              "Redis pub/sub reconnected, resubscribed {} channels", subs.size());
                        })
                    .onFailure(
                        e -> {
                          LOG.warn("Redis pub/sub reconnect failed: {}", e.toString());
                          scheduleReconnect();
                        }));
  }

  private void probe() {
    RedisConnection c = conn;
    if (c == null) {
      return;
    }
    if (System.currentTimeMillis() - lastPong > 3 * options.probeInterval().toMillis()) {
      lost(c, new TimeoutException("no PONG for three probe intervals"));
    } else {
      ping(c);
    }
  }

  /** The reply reaches either the future or, when a push overtakes it, {@link #onResponse}. */
  private void ping(RedisConnection c) {
    c.send(Request.cmd(Command.PING)).onSuccess(r -> pong());
  }

  private void pong() {
    lastPong = System.currentTimeMillis();
    List<Promise<Void>> waiting = new ArrayList<>(pongWaiters);
    pongWaiters.clear();
    waiting.forEach(Promise::tryComplete);
  }

  private void failWaiters(Throwable cause) {
    List<Promise<Void>> waiting = new ArrayList<>(pongWaiters);
    pongWaiters.clear();
    waiting.forEach(p -> p.tryFail(cause));
  }

  private void onResponse(Response r) {
    if (r == null) {
      return;
    }
    if (r.type() != ResponseType.PUSH) {
      if ("PONG".equalsIgnoreCase(r.toString())) {
        pong();
      }
      return;
    }
    String kind = r.get(0).toString();
    if ("message".equals(kind)) {
      deliver(r.get(1).toString(), r.get(2).toString());
    } else if ("subscribe".equals(kind)) {
      confirmed(r.get(1).toString());
    }
  }

  private void confirmed(String redisChannel) {
    String channel = redisChannel.substring(keys.channelPrefix().length());
    if (subs.confirmed(channel)) {
      dispatch(channel, BusMessage.Interrupted.INSTANCE); // messages meanwhile may be lost
    }
  }

  private void deliver(String redisChannel, String payload) {
    String channel = redisChannel.substring(keys.channelPrefix().length());
    if (!subs.contains(channel)) {
      return;
    }
    BusMessage message;
    try {
      message = BusMessageCodec.decode(payload);
    } catch (RuntimeException e) {
      LOG.warn("dropped a malformed message on Redis channel {}", redisChannel, e);
      return;
    }
    dispatch(channel, message);
  }

  private void dispatch(String channel, BusMessage message) {
    BiConsumer<String, BusMessage> l = listener;
    if (l == null) {
      return;
    }
    try {
      l.accept(channel, message);
    } catch (RuntimeException e) {
      LOG.warn("the listener failed on channel {}", channel, e);
    }
  }
}
