package io.switchboard.engine.redis;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run with {@code EVALSHA}, falling back to {@code EVAL} (which also caches it) when
 * Redis answers {@code NOSCRIPT} (a restarted or flushed script cache).
 */
final class RedisScript {
  private final String source;
  private final String sha;

  RedisScript(String source) {
    this.source = source;
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      this.sha = HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  /** The Lua source, for tests that check what a script may call. */
  String source() {
    return source;
  }

  /**
   * Runs the script.
   *
   * @param keys the KEYS
   * @param args the ARGV: {@link String}, {@link Number} (as integer), {@link Buffer} or {@code
   *     byte[]} (binary safe)
   * @return the script's reply; failed with Redis's error
   */
  Future<Response> run(Redis redis, List<String> keys, Object... args) {
    return redis
        .send(request(Command.EVALSHA, sha, keys, args))
        .recover(
            e ->
                RedisPipeline.noScript(e)
                    ? redis.send(request(Command.EVAL, source, keys, args))
                    : Future.failedFuture(e));
  }

  /**
   * Runs the script with the other commands of this event-loop pass ({@link RedisPipeline}); alone
   * (with the {@code EVAL} fallback) when there are none, or when the pipeline says so.
   *
   * @param pipeline the pipeline of this script's calls
   * @param redis the client for a call sent alone
   * @param keys the KEYS
   * @param args the ARGV, as for {@link #run(Redis, List, Object...)}
   * @return the script's reply; failed with Redis's error or the batch's
   */
  Future<Response> run(RedisPipeline pipeline, Redis redis, List<String> keys, Object... args) {
    return pipeline.send(
        request(Command.EVALSHA, sha, keys, args), size(keys, args), () -> run(redis, keys, args));
  }

  /** About how many bytes the arguments take on the wire. */
  static int size(List<String> keys, Object[] args) {
    int n = 64;
    for (String k : keys) {
      n += k.length() + 16;
    }
    for (Object a : args) {
      n +=
          16
              + (a instanceof String s
                  ? s.length()
                  : a instanceof Buffer b ? b.length() : a instanceof byte[] b ? b.length : 20);
    }
    return n;
  }

  private static Request request(Command cmd, String script, List<String> keys, Object[] args) {
    Request r = Request.cmd(cmd).arg(script).arg(keys.size());
    keys.forEach(r::arg);
    for (Object a : args) {
      if (a instanceof String s) {
        r.arg(s);
      } else if (a instanceof Number n) {
        r.arg(n.longValue());
      } else if (a instanceof Buffer b) {
        r.arg(b);
      } else if (a instanceof byte[] b) {
        r.arg(b);
      } else {
        throw new IllegalArgumentException("unsupported script argument: " + a);
      }
    }
    return r;
  }
}
