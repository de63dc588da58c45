package io.switchboard.engine.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Pipelines one kind of hot command (the publish script, {@code PUBLISH}; issue 13 point 4): each
 * event loop keeps its commands in one lane and has at most one batch of them in flight, written
 * over one pooled connection without waiting for each reply (Redis pipelining); the commands that
 * arrive meanwhile form the next batch. This replaces one pooled round trip per command, which
 * capped a node at pool size / round trip commands per second, and keeps the order in which one
 * event loop issued its commands (the pool did not). At most {@link #MAX_COMMANDS} commands or
 * {@link #MAX_BYTES} bytes of arguments per batch, and {@link #MAX_PENDING} waiting per event loop
 * (beyond it a command fails at once, as the pool does when its wait queue is full). A command
 * issued off an event loop is sent on its own as before.
 *
 * <p>Each command gets its own reply, timed like every command ({@link TimedRedis}); a {@code
 * NOSCRIPT} reply (a restarted or flushed script cache) sends that command again on its own through
 * its {@code alone} path, which loads the script with {@code EVAL}.
 */
final class RedisPipeline {
  /** Most commands in one batch. */
  static final int MAX_COMMANDS = 64;

  /** Most argument bytes in one batch. */
  static final int MAX_BYTES = 64 * 1024;

  /** Most commands waiting for a batch, per event loop. */
  static final int MAX_PENDING = 8192;

  private final Redis redis;
  private final ThreadLocal<Lane> lanes = new ThreadLocal<>();
  private final AtomicInteger waiting = new AtomicInteger();

  RedisPipeline(Redis redis) {
    this.redis = redis;
  }

  /**
   * Sends {@code request} in the next batch of this event loop.
   *
   * @param request the command, as it goes into the batch
   * @param bytes about how many bytes its arguments take
   * @param alone sends the same command on its own (off an event loop, and the retry after {@code
   *     NOSCRIPT})
   * @return its reply; failed with Redis's error, a {@link java.util.concurrent.TimeoutException},
   *     or an {@link IllegalStateException} when {@link #MAX_PENDING} commands already wait
   */
  Future<Response> send(Request request, int bytes, Supplier<Future<Response>> alone) {
    Context context = Vertx.currentContext();
    if (context == null || !Context.isOnEventLoopThread()) {
      return alone.get();
    }
    Lane lane = lanes.get();
    if (lane == null) {
      lane = new Lane(context);
      lanes.set(lane);
    }
    if (lane.queue.size() >= MAX_PENDING) {
      return Future.failedFuture(
          new IllegalStateException(MAX_PENDING + " Redis commands already wait on this loop"));
    }
    Promise<Response> reply = Promise.promise();
    lane.queue.add(new Pending(request, bytes, alone, reply));
    waiting.incrementAndGet();
    if (!lane.inFlight && !lane.scheduled) {
      lane.scheduled = true;
      Lane l = lane;
      context.runOnContext( // after the tasks already queued: the rest of this pass joins in
          v -> {
            l.scheduled = false;
            next(l);
          });
    }
    return reply.future();
  }

  /**
   * The commands waiting for a batch now, all event loops together (the gauge {@code
   * switchboard_redis_pipeline_waiting}); at most {@link #MAX_PENDING} per event loop.
   */
  int waiting() {
    return waiting.get();
  }

  /** Sends the lane's next batch unless one is in flight; on the lane's event loop. */
  private void next(Lane lane) {
    if (lane.inFlight || lane.queue.isEmpty()) {
      return;
    }
    List<Pending> batch = new ArrayList<>(Math.min(MAX_COMMANDS, lane.queue.size()));
    int bytes = 0;
    while (!lane.queue.isEmpty() && batch.size() < MAX_COMMANDS && bytes < MAX_BYTES) {
      Pending p = lane.queue.poll();
      waiting.decrementAndGet();
      bytes += p.bytes;
      batch.add(p);
    }
    lane.inFlight = true;
    Runnable done =
        () ->
            lane.context.runOnContext(
                v -> {
                  lane.inFlight = false;
                  next(lane);
                });
    redis
        .connect()
        .onFailure(
            e -> {
              batch.forEach(p -> p.reply.fail(e));
              done.run();
            })
        .onSuccess(
            conn -> {
              List<Future<Response>> sent = new ArrayList<>(batch.size());
              for (Pending p : batch) {
                Future<Response> f =
                    timed(conn.send(p.request))
                        .recover(e -> noScript(e) ? p.alone.get() : Future.failedFuture(e));
                f.onComplete(p.reply);
                sent.add(f);
              }
              Future.join(sent)
                  .onComplete(
                      v -> {
                        conn.close();
                        done.run();
                      });
            });
  }

  private Future<Response> timed(Future<Response> reply) {
    return redis instanceof TimedRedis t ? t.timed(reply, "pipelined command") : reply;
  }

  static boolean noScript(Throwable e) {
    return e.getMessage() != null && e.getMessage().contains("NOSCRIPT");
  }

  private record Pending(
      Request request, int bytes, Supplier<Future<Response>> alone, Promise<Response> reply) {}

  /** One event loop's commands: those waiting, and whether a batch is in flight. */
  private static final class Lane {
    final Context context;
    final ArrayDeque<Pending> queue = new ArrayDeque<>();
    boolean inFlight;
    boolean scheduled;

    Lane(Context context) {
      this.context = context;
    }
  }
}
