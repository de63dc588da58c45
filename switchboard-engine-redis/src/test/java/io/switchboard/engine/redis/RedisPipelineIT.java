package io.switchboard.engine.redis;

import static io.switchboard.engine.redis.RedisTestSupport.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelined publishes ({@link RedisPipeline}, issue 13 point 4) on the real Redis: the publish
 * scripts one event-loop pass issues go as batches of at most {@link RedisPipeline#MAX_COMMANDS},
 * one pooled connection each, each gets its own offset in the order issued, and an emptied script
 * cache ({@code SCRIPT FLUSH} right before the pass) still publishes each exactly once; the
 * commands waiting for a batch are counted (the gauge {@code switchboard_redis_pipeline_waiting}).
 */
class RedisPipelineIT {
  private static final String PREFIX = RedisTestSupport.prefix();
  private static final HistoryOptions KEEP = new HistoryOptions(1000, Duration.ofMinutes(5));
  private final Vertx vertx = Vertx.vertx();
  private final Counting redis =
      new Counting(
          Redis.createClient(
              vertx,
              new RedisOptions() // as the engine's pool: the NOSCRIPT retries wait for connections
                  .setConnectionString(RedisEngineOptions.DEFAULTS.connectionString())
                  .setMaxPoolWaiting(1024)));
  private final RedisRoomHistory history =
      new RedisRoomHistory(redis, new RedisKeys(PREFIX), RedisTestSupport.options(PREFIX));

  @AfterEach
  void close() {
    join(redis.close());
    join(vertx.close());
  }

  @AfterAll
  static void deleteKeys() {
    RedisTestSupport.deleteKeys(PREFIX);
  }

  @Test
  void publishesOfOneLoopPassGoAsBatchesWithOffsetsInIssueOrder() {
    String room = "chat:" + UUID.randomUUID();
    join(history.publish(room, new PublicationDraft("e", "0", null), KEEP)); // loads the script
    List<Publication> published = publishInOnePass(room, 150);
    for (int i = 0; i < published.size(); i++) {
      assertThat(published.get(i).offset()).as("publication " + i).isEqualTo(i + 2);
      assertThat(published.get(i).data()).isEqualTo("" + i);
    }
    assertThat(redis.batches.get()).as("batches of at most 64, one connection each").isEqualTo(3);
    assertThat(join(history.read(room, 0)).publications()).hasSize(151);
  }

  @Test
  void anEmptiedScriptCacheStillPublishesEachOnce() {
    String room = "chat:" + UUID.randomUUID();
    RedisTestSupport.command(Request.cmd(Command.SCRIPT).arg("FLUSH"));
    List<Publication> published = publishInOnePass(room, 40);
    assertThat(published).extracting(Publication::offset).doesNotHaveDuplicates();
    assertThat(published).extracting(Publication::offset).allMatch(o -> o >= 1 && o <= 40);
    List<Publication> stored = join(history.read(room, 0)).publications();
    assertThat(stored).extracting(Publication::data).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void theCommandsWaitingForABatchAreCountedUntilItLeaves() {
    String room = "chat:" + UUID.randomUUID();
    join(history.publish(room, new PublicationDraft("e", "0", null), KEEP)); // loads the script
    Promise<Integer> waitingInThePass = Promise.promise();
    Promise<Void> published = Promise.promise();
    vertx.runOnContext(
        v -> {
          List<Future<Publication>> each = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            each.add(history.publish(room, new PublicationDraft("e", "" + i, null), KEEP));
          }
          waitingInThePass.complete(history.pipelineWaiting()); // the batch leaves after this task
          Future.all(each).<Void>mapEmpty().onComplete(published);
        });
    assertThat(join(waitingInThePass.future())).isEqualTo(10);
    join(published.future());
    assertThat(history.pipelineWaiting()).isZero();
  }

  /** Issues {@code n} publishes to {@code room} in one task of an event loop. */
  private List<Publication> publishInOnePass(String room, int n) {
    Promise<List<Publication>> all = Promise.promise();
    vertx.runOnContext(
        v -> {
          List<Future<Publication>> each = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            each.add(history.publish(room, new PublicationDraft("e", "" + i, null), KEEP));
          }
          Future.all(each).map(f -> each.stream().map(Future::result).toList()).onComplete(all);
        });
    return join(all.future());
  }

  /** The real client, counting the connections taken for batches (a lone send takes none here). */
  private static final class Counting implements Redis {
    final Redis delegate;
    final AtomicInteger batches = new AtomicInteger();

    Counting(Redis delegate) {
      this.delegate = delegate;
    }

    @Override
    public Future<RedisConnection> connect() {
      batches.incrementAndGet();
      return delegate.connect();
    }

    @Override
    public Future<Void> close() {
      return delegate.close();
    }

    @Override
    public Future<Response> send(Request command) {
      return delegate.send(command);
    }

    @Override
    public Future<List<Response>> batch(List<Request> commands) {
      return delegate.batch(commands);
    }
  }
}
