package io.switchboard.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.Ports;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.EventBuffer;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.core.memory.MemoryStore;
import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.room.RoomHistory;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forward half of the publish path (issue 7 part 2, point 1): a publication in a forwarding
 * namespace either gets a slot in the event buffer before it is appended, or is refused with {@code
 * buffer_full} and never appended; a publication that fails gives its slot back.
 */
class RoomPublisherTest {
  static final String ROOM = "board:race";
  static final NamespaceConfig BOARD = NamespaceConfig.DEFAULTS.get("board");

  Vertx vertx;
  Ports memory;
  GatedHistory history;
  EventBuffer buffer;
  RoomPublisher publisher;

  /**
   * An event buffer of capacity 1 whose broker cannot take anything (its only queue is full), so a
   * forwarded publication stays pending in the buffer.
   */
  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    memory = MemoryEngine.ports();
    MemoryBroker broker = new MemoryBroker(1);
    get(broker.bind("full", "board", "#"));
    get(broker.publish(List.of(new BrokerMessage("board", "filler", Map.of(), new byte[0]))));
    history = new GatedHistory(memory.history());
    Ports ports =
        new Ports(
            memory.pubSub(),
            history,
            memory.presence(),
            memory.snapshots(),
            memory.locks(),
            memory.registry(),
            memory.rateLimits(),
            broker,
            new MemoryStore(),
            List.of());
    buffer =
        new EventBuffer(
            vertx, broker, Duration.ofHours(1), 1, 1, Duration.ofMillis(10), Duration.ofMillis(40));
    publisher = new RoomPublisher(ports, new Namespaces(NamespaceConfig.DEFAULTS), buffer);
  }

  @AfterEach
  void tearDown() throws Exception {
    buffer.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void concurrentPublishesNeverAppendMoreThanTheBufferCanForward() {
    history.hold();
    Future<Publication> first = publisher.publish(ROOM, BOARD, draft());
    Future<Publication> second = publisher.publish(ROOM, BOARD, draft());
    history.release();
    await().atMost(5, TimeUnit.SECONDS).until(() -> first.isComplete() && second.isComplete());
    assertThat(first.succeeded()).isTrue();
    assertThat(second.failed()).as("the second found no slot").isTrue();
    assertThat(second.cause()).isInstanceOf(RequestException.class);
    assertThat(((RequestException) second.cause()).code()).isEqualTo(ErrorCode.BUFFER_FULL);
    assertThat(get(memory.history().read(ROOM, 0)).position().offset())
        .as("only the publication that got a slot was appended")
        .isEqualTo(1L);
    assertThat(buffer.pending()).as("the appended one is waiting to be forwarded").isEqualTo(1);
  }

  @Test
  void aFailedPublishGivesItsSlotBack() {
    history.failNext();
    Future<Publication> failed = publisher.publish(ROOM, BOARD, draft());
    await().atMost(5, TimeUnit.SECONDS).until(failed::isComplete);
    assertThat(failed.failed()).isTrue();
    Future<Publication> next = publisher.publish(ROOM, BOARD, draft());
    await().atMost(5, TimeUnit.SECONDS).until(next::isComplete);
    assertThat(next.succeeded()).as("the slot of the failed publish was released").isTrue();
    assertThat(buffer.pending()).isEqualTo(1);
  }

  static PublicationDraft draft() {
    return new PublicationDraft("card.add", "1", "alice");
  }

  static <T> T get(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Room history that can hold every publish until released, or fail the next one. */
  static final class GatedHistory implements RoomHistory {
    private final RoomHistory delegate;
    private final AtomicBoolean failNext = new AtomicBoolean();
    private volatile Promise<Void> gate;

    GatedHistory(RoomHistory delegate) {
      this.delegate = delegate;
    }

    void hold() {
      gate = Promise.promise();
    }

    void release() {
      gate.complete();
    }

    void failNext() {
      failNext.set(true);
    }

    @Override
    public Future<Publication> publish(
        String room, PublicationDraft draft, HistoryOptions options) {
      if (failNext.getAndSet(false)) {
        return Future.failedFuture("engine down");
      }
      Promise<Void> g = gate;
      return g == null
          ? delegate.publish(room, draft, options)
          : g.future().compose(v -> delegate.publish(room, draft, options));
    }

    @Override
    public Future<HistoryPage> read(String room, long afterOffset) {
      return delegate.read(room, afterOffset);
    }
  }
}
