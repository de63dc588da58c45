package io.switchboard.engine.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Redis} client whose every command fails with a {@link TimeoutException} when no reply
 * came within {@code timeout} ({@code engine.redis.commandTimeout}, issue 7), instead of waiting
 * forever on a Redis that accepts commands and never answers. The reply, if it comes later, is
 * dropped. Connections taken with {@link #connect()} are the delegate's: their commands are not
 * timed (the pub/sub connection has its own PING probe).
 */
final class TimedRedis implements Redis {
  private final Vertx vertx;
  private final Redis delegate;
  private final long timeoutMs;

  TimedRedis(Vertx vertx, Redis delegate, Duration timeout) {
    this.vertx = vertx;
    this.delegate = delegate;
    this.timeoutMs = timeout.toMillis();
  }

  /** {@inheritDoc} A connection that arrives after the timeout is closed. */
  @Override
  public Future<RedisConnection> connect() {
    Future<RedisConnection> connecting = delegate.connect();
    Future<RedisConnection> timed = timed(connecting, "connect");
    timed.onFailure(e -> connecting.onSuccess(RedisConnection::close));
    return timed;
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  @Override
  public Future<Response> send(Request command) {
    return timed(delegate.send(command), command.command().toString());
  }

  @Override
  public Future<List<Response>> batch(List<Request> commands) {
    return timed(delegate.batch(commands), "batch of " + commands.size());
  }

  /** {@code future}, or a failure once {@code timeoutMs} passed without its completion. */
  <T> Future<T> timed(Future<T> future, String what) {
    if (future.isComplete()) {
      return future;
    }
    Promise<T> result = Promise.promise();
    long timer =
        vertx.setTimer(
            timeoutMs,
            t ->
                result.tryFail(
                    new TimeoutException(
                        "no Redis reply to " + what + " within " + timeoutMs + " ms")));
    future.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            result.tryComplete(ar.result());
          } else {
            result.tryFail(ar.cause());
          }
        });
    return result.future();
  }
}
