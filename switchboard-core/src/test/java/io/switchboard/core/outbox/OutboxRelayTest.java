package io.switchboard.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Rejected;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.core.memory.MemoryLocks;
import io.switchboard.core.memory.MemoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay (issue 8, point 4) on the memory store, broker and locks: committed messages are
 * published in order with their message ids and marked, a broker outage delays but loses nothing, a
 * message the broker can never take does not block the rest, two nodes publish each message once,
 * and polling finds what a lost hint would have announced.
 */
class OutboxRelayTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private Vertx vertx;
  private MemoryStore store;
  private MemoryBroker broker;
  private MemoryLocks locks;
  private final List<OutboxRelay> relays = new CopyOnWriteArrayList<>();
  private final List<BrokerMessage> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    store = new MemoryStore();
    broker = new MemoryBroker();
    locks = new MemoryLocks();
    get(broker.bind("q", "sb.events", "#"));
    get(
        broker.consume(
            "q",
            m -> {
              received.add(m);
              return Future.succeededFuture();
            }));
  }

  @AfterEach
  void stop() throws Exception {
    relays.forEach(OutboxRelay::stop);
    get(vertx.close());
  }

  private OutboxRelay relay(Broker via, Duration poll) {
    OutboxRelay r = new OutboxRelay(vertx, store, via, locks, poll, 3, Duration.ofSeconds(10));
    relays.add(r);
    r.start();
    return r;
  }

  private void write(String... bodies) throws Exception {
    get(
        store.transaction(
            tx -> {
              for (String b : bodies) {
                tx.outbox(
                    new BrokerMessage(
                        "sb.events",
                        "board." + b,
                        Map.of(),
                        b.getBytes(StandardCharsets.UTF_8),
                        "id-" + b),
                    "board-1");
              }
              return Future.succeededFuture();
            }));
  }

  private List<String> bodies() {
    return received.stream().map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void committedMessagesArePublishedInOrderWithTheirIdsAndMarked() throws Exception {
    OutboxRelay relay = relay(broker, Duration.ofMinutes(1));
    write("1", "2", "3", "4");
    write("5");
    Awaitility.await().atMost(PATIENCE).until(() -> received.size() == 5);
    assertThat(bodies()).containsExactly("1", "2", "3", "4", "5");
    assertThat(received.get(0).messageId()).isEqualTo("id-1");
    assertThat(received.get(0).routingKey()).isEqualTo("board.1");
    Awaitility.await().atMost(PATIENCE).until(() -> get(store.pendingOutbox(10)).isEmpty());
    assertThat(relay.published()).isEqualTo(5);
  }

  @Test
  void aBrokerOutageDelaysButLosesNothing() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    OutboxRelay relay =
        relay(
            via(
                batch ->
                    failuresLeft.getAndDecrement() > 0
                        ? Future.failedFuture(new IllegalStateException("broker down"))
                        : broker.publish(batch)),
            Duration.ofMillis(200));
    write("1", "2");
    write("3");
    Awaitility.await().atMost(PATIENCE).until(() -> received.size() == 3);
    assertThat(bodies()).containsExactly("1", "2", "3");
    assertThat(relay.failures()).isEqualTo(3);
  }

  @Test
  void aMessageTheBrokerNeverTakesIsDroppedAndTheRestGoOut() throws Exception {
    OutboxRelay relay =
        relay(
            via(
                batch -> {
                  List<BrokerMessage> ok =
                      batch.stream().filter(m -> !m.routingKey().equals("board.bad")).toList();
                  List<Rejected> bad =
                      batch.stream()
                          .filter(m -> m.routingKey().equals("board.bad"))
                          .map(m -> new Rejected(m, "refused for the test"))
                          .toList();
                  return broker.publish(ok).map(r -> bad);
                }),
            Duration.ofMinutes(1));
    write("1", "bad", "2");
    Awaitility.await().atMost(PATIENCE).until(() -> received.size() == 2);
    assertThat(bodies()).containsExactly("1", "2");
    assertThat(relay.deadLetters()).isEqualTo(1);
    Awaitility.await().atMost(PATIENCE).until(() -> get(store.pendingOutbox(10)).isEmpty());
  }

  @Test
  void twoNodesPublishEachMessageOnce() throws Exception {
    relay(broker, Duration.ofMillis(20));
    relay(broker, Duration.ofMillis(20));
    for (int i = 0; i < 50; i++) {
      write("a" + i, "b" + i);
    }
    Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> received.size() >= 100 && get(store.pendingOutbox(1)).isEmpty());
    Awaitility.await()
        .during(Duration.ofMillis(300))
        .atMost(PATIENCE)
        .until(() -> received.size() == 100);
    assertThat(bodies()).doesNotHaveDuplicates();
  }

  @Test
  void pollingFindsWhatALostHintAnnounced() throws Exception {
    OutboxRelay relay = relay(broker, Duration.ofMillis(100));
    store.onOutbox(() -> {}); // the hint is lost from now on
    write("quiet");
    Awaitility.await().atMost(PATIENCE).until(() -> received.size() == 1);
    assertThat(relay.published()).isEqualTo(1);
  }

  /** A broker whose publish is {@code publish}; the rest goes to the memory broker. */
  private Broker via(Function<List<BrokerMessage>, Future<List<Rejected>>> publish) {
    return new Broker() {
      @Override
      public Future<Void> declare(String exchange) {
        return broker.declare(exchange);
      }

      @Override
      public Future<Void> bind(String queue, String exchange, String pattern) {
        return broker.bind(queue, exchange, pattern);
      }

      @Override
      public Future<List<Rejected>> publish(List<BrokerMessage> batch) {
        return publish.apply(batch);
      }

      @Override
      public Future<Runnable> consume(
          String queue, int concurrency, Function<BrokerMessage, Future<Void>> handler) {
        return broker.consume(queue, concurrency, handler);
      }
    };
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
