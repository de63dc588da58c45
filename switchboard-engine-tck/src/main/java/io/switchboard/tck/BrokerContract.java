package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerLimits;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Rejected;
import io.switchboard.core.broker.Undeliverable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Broker} (see its Javadoc): topic routing with {@code *} and {@code #},
 * unmatched messages dropped, confirmed in-order batches, messages the broker can never take
 * reported instead of published, messages kept until consumed, ack on success, dead-lettering at
 * once on {@link Undeliverable}, redelivery after a backoff on any other failure (issue 7 part 2),
 * and concurrent consume: at most {@code concurrency} messages held at once, each settled on its
 * own (issue 9 point 9). Because one queue delivers in order to a concurrency-1 consumer, "nothing
 * else arrived" is checked with a marker published last.
 *
 * <p>Engines are tested with their default redelivery backoff, whose first delay is at least {@link
 * #MIN_FIRST_BACKOFF}.
 */
public abstract class BrokerContract extends PortContract {
  /**
   * 50 ms: a first redelivery sooner than this is taken as "at once" (the engines default to 100
   * ms).
   */
  protected static final Duration MIN_FIRST_BACKOFF = Duration.ofMillis(50);

  /**
   * 300 ms: how long a concurrent consumer is watched to hand over no message beyond its
   * concurrency while the ones it holds are pending.
   */
  protected static final Duration HOLD = Duration.ofMillis(300);

  /**
   * A fresh, ready broker for one test, asked for before each test ({@code @BeforeEach}) on the
   * test thread; may block until connected. Register what closes it with {@link #closeAfterTest}.
   *
   * @return the port under test
   */
  protected abstract Broker newBroker();

  private Broker broker;
  private String exchange;

  @BeforeEach
  void pickExchange() {
    broker = newBroker();
    exchange = unique("sb.test.");
  }

  /**
   * The queue a dead-lettered message of {@code queue} lands in; override for an engine that names
   * it otherwise.
   *
   * @param queue the consumed queue
   * @return {@code <queue>.dlq}, as both engines name it
   */
  protected String deadLetterQueue(String queue) {
    return queue + ".dlq";
  }

  @Test
  void starMatchesExactlyOneWord() {
    String q = bound("a.*");
    publish("a.b.c", "a", "b.x", "a.b");
    assertThat(consumeUntil(q, "a.b")).containsExactly("a.b");
  }

  @Test
  void hashMatchesZeroOrMoreWords() {
    String q = bound("a.#");
    String all = bound("#");
    String tail = bound("#.z");
    publish("a", "b.a", "a.b.c", "z", "x.y.z", "end");
    assertThat(consumeUntil(q, "a.b.c")).containsExactly("a", "a.b.c");
    assertThat(consumeUntil(all, "end")).containsExactly("a", "b.a", "a.b.c", "z", "x.y.z", "end");
    assertThat(consumeUntil(tail, "x.y.z")).containsExactly("z", "x.y.z");
  }

  @Test
  void aMessageMatchingNoBindingIsDropped() {
    publish("early.key");
    String q = bound("#");
    publish("marker");
    assertThat(consumeUntil(q, "marker")).containsExactly("marker");
  }

  @Test
  void aDeclaredExchangeTakesPublishesAndDeclaringAgainChangesNothing() {
    await(broker.declare(exchange));
    await(broker.declare(exchange));
    publish("before.binding"); // no queue yet: dropped, not an error
    String q = bound("#");
    await(broker.declare(exchange));
    publish("marker");
    assertThat(consumeUntil(q, "marker")).containsExactly("marker");
  }

  @Test
  void bindingTwiceDeliversOnce() {
    String q = unique("q.");
    await(broker.bind(q, exchange, "k.*"));
    await(broker.bind(q, exchange, "k.*"));
    await(broker.bind(q, exchange, "#"));
    publish("k.1", "marker");
    assertThat(consumeUntil(q, "marker")).containsExactly("k.1", "marker");
  }

  @Test
  void batchesAreEnqueuedInOrderAndKeptUntilConsumed() {
    String q = bound("#");
    List<String> keys = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      List<String> batch = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        batch.add("k." + (b * 40 + i));
      }
      publish(batch.toArray(String[]::new));
      keys.addAll(batch);
    }
    assertThat(consumeUntil(q, "k.119")).containsExactlyElementsOf(keys);
  }

  @Test
  void everyBoundQueueGetsACopy() {
    String q1 = bound("x.*");
    String q2 = bound("x.#");
    publish("x.1");
    assertThat(consumeUntil(q1, "x.1")).containsExactly("x.1");
    assertThat(consumeUntil(q2, "x.1")).containsExactly("x.1");
  }

  @Test
  void aFailedHandlerGetsTheMessageAgainAndSuccessAcks() {
    String q = bound("#");
    publish("flaky", "after");
    List<String> seen = new CopyOnWriteArrayList<>();
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    Runnable cancel =
        await(
            broker.consume(
                q,
                m -> {
                  String key = m.routingKey();
                  seen.add(key);
                  return key.equals("flaky") && failedOnce.add(key)
                      ? Future.failedFuture("first attempt fails")
                      : Future.succeededFuture();
                }));
    Awaitility.await().atMost(PATIENCE).until(() -> seen.contains("after"));
    publish("marker");
    Awaitility.await().atMost(PATIENCE).until(() -> seen.contains("marker"));
    cancel.run();
    assertThat(seen.stream().filter("flaky"::equals)).hasSize(2);
    assertThat(seen.stream().filter("after"::equals)).hasSize(1);
    assertThat(seen.indexOf("flaky")).isLessThan(seen.indexOf("after"));
  }

  @Test
  void anUndeliverableMessageIsDeadLetteredAtOnceAndLaterMessagesStillDelivered() {
    String q = bound("#");
    publish("poison", "good");
    List<String> handled = new CopyOnWriteArrayList<>();
    await(
        broker.consume(
            q,
            m -> {
              handled.add(m.routingKey());
              return m.routingKey().equals("poison")
                  ? Future.failedFuture(new Undeliverable("never deliverable"))
                  : Future.succeededFuture();
            }));
    List<BrokerMessage> dead = new CopyOnWriteArrayList<>();
    await(
        broker.consume(
            deadLetterQueue(q),
            m -> {
              dead.add(m);
              return Future.succeededFuture();
            }));
    Awaitility.await().atMost(PATIENCE).until(() -> dead.size() == 1 && handled.contains("good"));
    assertThat(new String(dead.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("body:poison");
    assertThat(handled)
        .as("handed to the handler once, never redelivered")
        .containsExactly("poison", "good");
  }

  @Test
  void aTransientFailureIsRedeliveredInOrderAfterABackoffAndNothingIsDeadLettered() {
    String q = bound("#");
    publish("flaky", "after");
    List<String> seen = new CopyOnWriteArrayList<>();
    List<Long> flakyAt = new CopyOnWriteArrayList<>();
    Runnable cancel =
        await(
            broker.consume(
                q,
                m -> {
                  String key = m.routingKey();
                  seen.add(key);
                  if (key.equals("flaky")) {
                    flakyAt.add(System.nanoTime());
                    if (flakyAt.size() == 1) {
                      throw new IllegalStateException("a thrown exception is transient too");
                    }
                    if (flakyAt.size() <= 3) {
                      return Future.failedFuture("engine unavailable");
                    }
                  }
                  return key.equals("dead.marker")
                      ? Future.failedFuture(new Undeliverable("marker"))
                      : Future.succeededFuture();
                }));
    Awaitility.await().atMost(PATIENCE).until(() -> seen.contains("after"));
    assertThat(seen).containsExactly("flaky", "flaky", "flaky", "flaky", "after");
    long firstGap = flakyAt.get(1) - flakyAt.get(0);
    long lastGap = flakyAt.get(3) - flakyAt.get(2);
    assertThat(Duration.ofNanos(firstGap))
        .as("redelivered after a backoff")
        .isGreaterThanOrEqualTo(MIN_FIRST_BACKOFF);
    assertThat(lastGap).as("the backoff grows").isGreaterThan(firstGap);
    publish("dead.marker");
    List<String> dead = new CopyOnWriteArrayList<>();
    await(
        broker.consume(
            deadLetterQueue(q),
            m -> {
              dead.add(m.routingKey());
              return Future.succeededFuture();
            }));
    Awaitility.await().atMost(PATIENCE).until(() -> dead.contains("dead.marker"));
    cancel.run();
    assertThat(dead)
        .as("only the marker reached the dead-letter queue")
        .containsExactly("dead.marker");
  }

  @Test
  void messagesTheBrokerCanNeverTakeAreReportedAndTheRestOfTheBatchIsPublishedInOrder() {
    String q = bound("#");
    String longKey = "k." + "x".repeat(254);
    Map<String, String> longHeaderName = Map.of("h".repeat(256), "v");
    BrokerMessage badKey = message(exchange, longKey, Map.of(), "bad-key");
    BrokerMessage badHeader = message(exchange, "k.bad-header", longHeaderName, "bad-header");
    BrokerMessage badExchange =
        message("e".repeat(256), "k.bad-exchange", Map.of(), "bad-exchange");
    BrokerMessage badBody =
        new BrokerMessage(
            exchange, "k.bad-body", Map.of(), new byte[BrokerLimits.DEFAULT_MAX_BODY_BYTES + 1]);
    List<BrokerMessage> batch =
        List.of(
            message(exchange, "k.1", Map.of(), "1"),
            badKey,
            message(exchange, "k.2", Map.of(), "2"),
            badHeader,
            badExchange,
            badBody,
            message(exchange, "k.3", Map.of(), "3"));
    List<Rejected> rejected = await(broker.publish(batch));
    assertThat(rejected)
        .extracting(Rejected::message)
        .containsExactly(badKey, badHeader, badExchange, badBody);
    assertThat(rejected).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    assertThat(rejected.get(0).reason()).contains("routing key", "255");
    assertThat(await(broker.publish(List.of(message(exchange, "k.4", Map.of(), "4"))))).isEmpty();
    assertThat(consumeUntil(q, "k.4")).containsExactly("k.1", "k.2", "k.3", "k.4");
  }

  @Test
  void underConcurrencyAFailingMessageIsRetriedOrDeadLetteredWithoutBlockingTheOthers() {
    String q = bound("#");
    publish("flaky", "poison", "a", "b", "c", "d");
    List<String> seen = new CopyOnWriteArrayList<>();
    List<String> acked = new CopyOnWriteArrayList<>();
    AtomicBoolean healed = new AtomicBoolean();
    Runnable cancel =
        await(
            broker.consume(
                q,
                3,
                m -> {
                  String key = m.routingKey();
                  seen.add(key);
                  if (key.equals("poison")) {
                    return Future.failedFuture(new Undeliverable("never deliverable"));
                  }
                  if (key.equals("flaky") && !healed.get()) {
                    return Future.failedFuture("engine unavailable");
                  }
                  acked.add(key);
                  return Future.succeededFuture();
                }));
    List<String> dead = new CopyOnWriteArrayList<>();
    await(
        broker.consume(
            deadLetterQueue(q),
            m -> {
              dead.add(m.routingKey());
              return Future.succeededFuture();
            }));
    Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> acked.containsAll(List.of("a", "b", "c", "d")) && dead.contains("poison"));
    assertThat(acked).as("the others went on while flaky failed").doesNotContain("flaky");
    healed.set(true);
    Awaitility.await().atMost(PATIENCE).until(() -> acked.contains("flaky"));
    assertThat(seen).as("handed over once each").containsOnlyOnce("poison", "a", "b", "c", "d");
    assertThat(seen.stream().filter("flaky"::equals)).as("retried in place").hasSizeGreaterThan(1);
    cancel.run();
    publish("marker");
    assertThat(consumeUntil(q, "marker")).as("everything settled").containsExactly("marker");
    assertThat(dead).as("only the poison was dead-lettered").containsExactly("poison");
  }

  @Test
  void aCancelledConsumerLeavesMessagesQueued() {
    String q = bound("#");
    Runnable cancel = await(broker.consume(q, m -> Future.succeededFuture()));
    cancel.run();
    publish("kept");
    assertThat(consumeUntil(q, "kept")).containsExactly("kept");
  }

  @Test
  void underConcurrencyNTheHandlerHoldsNMessagesAtOnceAndEachIsAckedOnce() {
    int n = 4;
    String q = bound("#");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      keys.add("k." + i);
    }
    publish(keys.toArray(String[]::new));
    List<String> handed = new CopyOnWriteArrayList<>();
    List<Promise<Void>> held = new CopyOnWriteArrayList<>();
    Runnable cancel =
        await(
            broker.consume(
                q,
                n,
                m -> {
                  handed.add(m.routingKey());
                  Promise<Void> p = Promise.promise();
                  held.add(p);
                  return p.future();
                }));
    for (int expected : new int[] {4, 8, 10}) {
      Awaitility.await()
          .atMost(PATIENCE)
          .during(HOLD)
          .until(() -> handed.size() == expected); // and not one more while the rest are held
      List.copyOf(held).forEach(Promise::tryComplete); // the next ones may arrive meanwhile
    }
    assertThat(handed).as("started in queue order").containsExactlyElementsOf(keys);
    cancel.run();
    publish("marker");
    assertThat(consumeUntil(q, "marker")).as("every message acked once").containsExactly("marker");
  }

  /** Declares a fresh queue bound to this test's exchange with {@code pattern}. */
  private String bound(String pattern) {
    String q = unique("q.");
    await(broker.bind(q, exchange, pattern));
    return q;
  }

  private void publish(String... routingKeys) {
    List<BrokerMessage> batch = new ArrayList<>();
    for (String key : routingKeys) {
      batch.add(message(exchange, key, Map.of("room", "board:1"), "body:" + key));
    }
    assertThat(await(broker.publish(batch))).isEmpty();
  }

  private static BrokerMessage message(
      String exchange, String key, Map<String, String> headers, String body) {
    return new BrokerMessage(exchange, key, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Consumes {@code queue}, acking everything, until {@code last} arrives; the keys seen. */
  private List<String> consumeUntil(String queue, String last) {
    List<String> seen = new CopyOnWriteArrayList<>();
    Runnable cancel =
        await(
            broker.consume(
                queue,
                m -> {
                  seen.add(m.routingKey());
                  return Future.succeededFuture();
                }));
    Predicate<List<String>> done = s -> s.contains(last);
    Awaitility.await().atMost(PATIENCE).until(() -> done.test(seen));
    cancel.run();
    return List.copyOf(seen);
  }
}
