package io.switchboard.engine.redis;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.presence.PresenceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test helpers: engines on the local Redis ({@code 127.0.0.1:6379}, started by {@code .ci/run})
 * under a random key prefix, and raw commands limited to that prefix. A missing Redis fails the
 * test (no skipping).
 */
final class RedisTestSupport {
  private RedisTestSupport() {}

  /** A key prefix unique to this run, so tests sharing the server never collide. */
  static String prefix() {
    return "sbt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** Default options under {@code prefix}. */
  static RedisEngineOptions options(String prefix) {
    return RedisEngineOptions.DEFAULTS.withKeyPrefix(prefix);
  }

  /** The Vert.x of every test engine in this JVM; engines come and go, it stays. */
  private static final Vertx VERTX = Vertx.vertx();

  /** A connected engine; the caller closes it. */
  static RedisEngine newEngine(RedisEngineOptions options) {
    return join(RedisEngine.connect(VERTX, options));
  }

  /** Runs one command on a short-lived client. */
  static Response command(Request request) {
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, RedisEngineOptions.DEFAULTS.connectionString());
      return join(redis.send(request).eventually(redis::close));
    } finally {
      join(vertx.close());
    }
  }

  /** Deletes every key under {@code prefix} (never anything else: the server is shared). */
  static void deleteKeys(String prefix) {
    String cursor = "0";
    List<String> found = new ArrayList<>();
    do {
      Response r =
          command(
              Request.cmd(Command.SCAN)
                  .arg(cursor)
                  .arg("MATCH")
                  .arg(prefix + ".*")
                  .arg("COUNT")
                  .arg(1000));
      cursor = r.get(0).toString();
      r.get(1).forEach(k -> found.add(k.toString()));
    } while (!"0".equals(cursor));
    for (int i = 0; i < found.size(); i += 500) {
      Request del = Request.cmd(Command.DEL);
      found.subList(i, Math.min(found.size(), i + 500)).forEach(del::arg);
      command(del);
    }
  }

  /** Every member of {@code room}, walking pages of 2 from the start. */
  static List<PresenceEntry> members(PresenceStore presence, String room) {
    List<PresenceEntry> out = new ArrayList<>();
    String cursor = null;
    do {
      PresencePage page = join(presence.page(room, cursor, 2));
      out.addAll(page.entries());
      cursor = page.next();
    } while (cursor != null);
    return out;
  }

  /** Waits up to 10 s for a future. */
  static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no completion within 10 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whether a future fails, waiting up to 10 s. */
  static boolean fails(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (TimeoutException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
