package io.switchboard.engine.redis;

import static io.switchboard.engine.redis.RedisTestSupport.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.PublicationDraft;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Bounded Redis usage (issue 7 points 4 and 5): the epoch of a room nobody published to lives
 * briefly, checked with {@code PTTL} on the real (shared) Redis under this class's prefix; and no
 * command waits forever, checked on a {@link FakeRedis} that stops answering (the shared Redis is
 * never paused).
 */
class RedisEngineLimitsIT {
  private static final String PREFIX = RedisTestSupport.prefix();
  private static final HistoryOptions TEN = new HistoryOptions(10, Duration.ofMinutes(5));

  @AfterAll
  static void deleteKeys() {
    RedisTestSupport.deleteKeys(PREFIX);
  }

  @Test
  void aReadCreatesAShortLivedMetaAndAPublishGivesItTheFullMetaTtl() {
    RedisEngine engine =
        RedisTestSupport.newEngine(
            RedisTestSupport.options(PREFIX).withEmptyRoomTtl(Duration.ofSeconds(60)));
    try {
      String room = "chat:" + UUID.randomUUID();
      join(engine.history().read(room, 0)); // a join of a room never published to
      assertThat(pttl(room))
          .as("empty room: emptyRoomTtl")
          .isPositive()
          .isLessThanOrEqualTo(60_000);

      RedisTestSupport.command(
          Request.cmd(Command.PEXPIRE).arg(PREFIX + ".meta." + room).arg(5_000));
      join(engine.history().read(room, 0));
      assertThat(pttl(room))
          .as("refreshed by a later read")
          .isGreaterThan(5_000)
          .isLessThanOrEqualTo(60_000);

      join(engine.history().publish(room, new PublicationDraft("e", "1", null), TEN));
      assertThat(pttl(room))
          .as("published: metaTtl (24 h)")
          .isGreaterThan(Duration.ofHours(23).toMillis());
      join(engine.history().read(room, 0));
      assertThat(pttl(room))
          .as("a read never shortens it")
          .isGreaterThan(Duration.ofHours(23).toMillis());
    } finally {
      join(engine.close());
    }
  }

  @Test
  void everyCommandFailsAfterTheCommandTimeoutWhenRedisStopsAnswering() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FakeRedis fake = FakeRedis.start(vertx)) {
      RedisEngine engine =
          join(
              RedisEngine.connect(
                  vertx,
                  RedisTestSupport.options(PREFIX)
                      .withConnectionString(fake.url())
                      .withCommandTimeout(Duration.ofMillis(300))));
      try {
        assertTimesOut(engine.history().read("chat:hang", 0));
        assertTimesOut(
            engine.history().publish("chat:hang", new PublicationDraft("e", "1", null), TEN));
        assertTimesOut(
            engine.pubSub().publish("chat:hang", new BusMessage.Notification("u", "e", "1")));
        assertTimesOut(engine.snapshots().get("chat:hang"));
        assertThat(fake.commands).contains("EVALSHA", "PUBLISH");
      } finally {
        join(engine.close());
      }
    } finally {
      join(vertx.close());
    }
  }

  private static void assertTimesOut(Future<?> future) throws InterruptedException {
    long started = System.nanoTime();
    try {
      future.toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS);
      throw new AssertionError("a command to a silent Redis succeeded");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(TimeoutException.class).hasMessageContaining("300");
    } catch (TimeoutException e) {
      throw new AssertionError("a command to a silent Redis still waits after 3 s", e);
    }
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
  }

  private static long pttl(String room) {
    return RedisTestSupport.command(Request.cmd(Command.PTTL).arg(PREFIX + ".meta." + room))
        .toLong();
  }
}
