package io.switchboard.core.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventBufferTest {
  private static final Duration LONG = Duration.ofHours(1);

  private Vertx vertx;
  private FakeBroker broker;
  private final List<Rejected> deadLettered = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    broker = new FakeBroker();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void flushesInOrderOnTheInterval() {
    EventBuffer buffer = buffer(Duration.ofMillis(20), 1000, 10_000);
    for (int i = 0; i < 5; i++) {
      assertThat(buffer.offer(message(i))).isTrue();
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> buffer.pending() == 0);
    assertThat(broker.bodies()).containsExactly("0", "1", "2", "3", "4");
    assertThat(buffer.flushed()).isEqualTo(5);
  }

  @Test
  void flushesAsSoonAsFlushSizeIsPendingInBatchesOfFlushSize() {
    EventBuffer buffer = buffer(LONG, 3, 100);
    for (int i = 0; i < 7; i++) {
      buffer.offer(message(i));
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> broker.batches.size() == 2);
    assertThat(broker.batches.get(0)).hasSize(3);
    assertThat(broker.batches.get(1)).hasSize(3);
    assertThat(buffer.pending()).isEqualTo(1); // below flushSize, waits for the (long) interval
  }

  @Test
  void retriesTheSameBatchWithBackoffAndKeepsOrder() {
    broker.failures.set(3);
    EventBuffer buffer = buffer(Duration.ofMillis(10), 2, 100);
    buffer.offer(message(0));
    buffer.offer(message(1));
    buffer.offer(message(2));
    await().atMost(5, TimeUnit.SECONDS).until(() -> buffer.pending() == 0);
    assertThat(broker.bodies()).containsExactly("0", "1", "2");
    assertThat(broker.attempts.get(0)).extracting(this::body).containsExactly("0", "1");
    assertThat(broker.attempts.subList(0, 4)).allSatisfy(b -> assertThat(b).hasSize(2));
    assertThat(buffer.failures()).isEqualTo(3);
    assertThat(buffer.flushed()).isEqualTo(3);
  }

  @Test
  void refusesOffersBeyondCapacityAndKeepsMessagesWhileBrokerIsDown() {
    broker.failures.set(Integer.MAX_VALUE);
    EventBuffer buffer = buffer(Duration.ofMillis(10), 2, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(buffer.offer(message(i))).isTrue();
    }
    assertThat(buffer.offer(message(4))).isFalse();
    await().atMost(5, TimeUnit.SECONDS).until(() -> buffer.failures() >= 2);
    assertThat(buffer.pending()).isEqualTo(4);
    assertThat(broker.bodies()).isEmpty();
  }

  @Test
  void drainFlushesEverythingWithoutWaitingForTheInterval() throws Exception {
    EventBuffer buffer = buffer(LONG, 1000, 10_000);
    for (int i = 0; i < 2500; i++) {
      buffer.offer(message(i));
    }
    buffer
        .drain(Duration.ofSeconds(5))
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertThat(buffer.pending()).isZero();
    assertThat(broker.bodies()).hasSize(2500).startsWith("0", "1").endsWith("2499");
    assertThat(broker.batches).hasSize(3);
  }

  @Test
  void drainOfAnEmptyBufferSucceedsAtOnce() {
    EventBuffer buffer = buffer(LONG, 10, 100);
    assertThat(buffer.drain(Duration.ofSeconds(1)).succeeded()).isTrue();
  }

  @Test
  void drainFailsAfterTheTimeoutWhileTheBrokerIsDown() {
    broker.failures.set(Integer.MAX_VALUE);
    EventBuffer buffer = buffer(LONG, 10, 100);
    buffer.offer(message(0));
    Future<Void> drained = buffer.drain(Duration.ofMillis(100));
    await().atMost(5, TimeUnit.SECONDS).until(drained::isComplete);
    assertThat(drained.cause()).isInstanceOf(TimeoutException.class);
    assertThat(buffer.pending()).isEqualTo(1);
  }

  @Test
  void onlyOneFlushIsInFlight() {
    broker.hold = true;
    EventBuffer buffer = buffer(Duration.ofMillis(5), 2, 100);
    for (int i = 0; i < 6; i++) {
      buffer.offer(message(i));
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> broker.held.size() == 1);
    assertThat(broker.attempts).hasSize(1);
    broker.hold = false;
    broker.held.remove(0).complete();
    await().atMost(5, TimeUnit.SECONDS).until(() -> buffer.pending() == 0);
    assertThat(broker.bodies()).containsExactly("0", "1", "2", "3", "4", "5");
  }

  @Test
  void rejectedMessagesAreDeadLetteredOnceAndTheRestOfTheBatchIsFlushedInOrder() {
    broker.rejectBodies = Set.of("1", "3");
    EventBuffer buffer = buffer(Duration.ofMillis(10), 3, 100);
    for (int i = 0; i < 5; i++) {
      assertThat(buffer.offer(message(i))).isTrue();
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> buffer.pending() == 0);
    assertThat(broker.bodies()).containsExactly("0", "2", "4");
    assertThat(deadLettered).extracting(r -> body(r.message())).containsExactly("1", "3");
    assertThat(deadLettered).allSatisfy(r -> assertThat(r.reason()).isEqualTo("never"));
    assertThat(broker.attempts).as("a rejection is not retried").hasSize(2);
    assertThat(buffer.failures()).isZero();
    assertThat(buffer.deadLetters()).isEqualTo(2);
    assertThat(buffer.flushed()).isEqualTo(3);
  }

  @Test
  void aBatchRejectedWholeDoesNotStopTheNextOne() {
    broker.rejectBodies = Set.of("0", "1");
    EventBuffer buffer = buffer(Duration.ofMillis(10), 2, 100);
    for (int i = 0; i < 4; i++) {
      buffer.offer(message(i));
    }
    await().atMost(5, TimeUnit.SECONDS).until(() -> buffer.pending() == 0);
    assertThat(broker.bodies()).containsExactly("2", "3");
    assertThat(buffer.deadLetters()).isEqualTo(2);
  }

  @Test
  void reservationsCountAgainstTheCapacityUntilOfferedOrReleased() {
    broker.failures.set(Integer.MAX_VALUE); // nothing leaves the buffer
    EventBuffer buffer = buffer(LONG, 2, 2);
    Optional<EventBuffer.Reservation> first = buffer.tryReserve();
    Optional<EventBuffer.Reservation> second = buffer.tryReserve();
    assertThat(first).isPresent();
    assertThat(second).isPresent();
    assertThat(buffer.tryReserve()).as("both slots are reserved").isEmpty();
    assertThat(buffer.isFull()).isTrue();
    assertThat(buffer.offer(message(9))).as("a plain offer respects reservations").isFalse();
    second.get().release();
    second.get().release(); // idempotent
    assertThat(buffer.isFull()).isFalse();
    assertThat(first.get().offer(message(0))).isTrue();
    first.get().release(); // after the offer: nothing to give back
    assertThat(buffer.pending()).isEqualTo(1);
    Optional<EventBuffer.Reservation> third = buffer.tryReserve();
    assertThat(third).isPresent();
    assertThat(buffer.tryReserve()).isEmpty();
    assertThat(first.get().offer(message(1))).as("a reservation holds one message").isFalse();
    assertThat(buffer.refused()).isEqualTo(2); // the plain offer and the second use
    assertThat(third.get().offer(message(2))).isTrue();
    assertThat(buffer.pending()).isEqualTo(2);
  }

  private EventBuffer buffer(Duration interval, int flushSize, int capacity) {
    return new EventBuffer(
        vertx,
        broker,
        interval,
        flushSize,
        capacity,
        Duration.ofMillis(10),
        Duration.ofMillis(40),
        deadLettered::add);
  }

  private static BrokerMessage message(int i) {
    return new BrokerMessage(
        "ex", "room.event", Map.of(), Integer.toString(i).getBytes(StandardCharsets.UTF_8));
  }

  private String body(BrokerMessage m) {
    return new String(m.body(), StandardCharsets.UTF_8);
  }

  /**
   * Fails the next {@code failures} publishes, rejects messages with a body in {@code
   * rejectBodies}, optionally holds publishes, records everything taken.
   */
  private final class FakeBroker implements Broker {
    final AtomicInteger failures = new AtomicInteger();
    final List<List<BrokerMessage>> attempts = new CopyOnWriteArrayList<>();
    final List<List<BrokerMessage>> batches = new CopyOnWriteArrayList<>();
    final List<Promise<Void>> held = new CopyOnWriteArrayList<>();
    volatile boolean hold;
    volatile Set<String> rejectBodies = Set.of();

    @Override
    public Future<Void> declare(String exchange) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> bind(String queue, String exchange, String pattern) {
      return Future.succeededFuture();
    }

    @Override
    public Future<List<Rejected>> publish(List<BrokerMessage> batch) {
      attempts.add(List.copyOf(batch));
      if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        return Future.failedFuture("broker down");
      }
      List<Rejected> rejected = new ArrayList<>();
      List<BrokerMessage> taken = new ArrayList<>();
      for (BrokerMessage m : batch) {
        if (rejectBodies.contains(body(m))) {
          rejected.add(new Rejected(m, "never"));
        } else {
          taken.add(m);
        }
      }
      Promise<Void> p = Promise.promise();
      p.future().onSuccess(v -> batches.add(taken));
      if (hold) {
        held.add(p);
      } else {
        p.complete();
      }
      return p.future().map(v -> rejected);
    }

    @Override
    public Future<Runnable> consume(
        String queue,
        int concurrency,
        java.util.function.Function<BrokerMessage, Future<Void>> handler) {
      return Future.failedFuture("not used");
    }

    List<String> bodies() {
      List<String> out = new ArrayList<>();
      batches.forEach(b -> b.forEach(m -> out.add(body(m))));
      return out;
    }
  }
}
