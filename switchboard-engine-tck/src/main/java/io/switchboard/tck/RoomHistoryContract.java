package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.pubsub.PubSub;
import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.room.RoomHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link RoomHistory} (see its Javadoc): offsets from 1, atomic publish with fan-out in
 * offset order, epoch kept while the history is intact, newest-N retention, TTL expiry that keeps
 * epoch and top offset, and {@code read(afterOffset)} semantics.
 */
public abstract class RoomHistoryContract extends PortContract {
  /**
   * A room history and the pub/sub of the same engine that it fans out through.
   *
   * @param history the port under test
   * @param pubSub where {@code history} publishes each publication (channel = room name)
   */
  public record Fanning(RoomHistory history, PubSub pubSub) {}

  /**
   * A fresh, ready history with the pub/sub it fans out through, asked for before each test
   * ({@code @BeforeEach}) on the test thread; may block until connected. The suite sets the
   * pub/sub's listener. Register what closes them with {@link #closeAfterTest}.
   *
   * @return the port under test and its pub/sub
   */
  protected abstract Fanning newRoomHistory();

  private static final HistoryOptions TEN = new HistoryOptions(10, Duration.ofMinutes(5));

  private final List<Publication> fannedOut = new CopyOnWriteArrayList<>();
  private final List<String> fannedOutEpochs = new CopyOnWriteArrayList<>();
  private RoomHistory history;
  private PubSub pubSub;
  private String room;

  @BeforeEach
  void listen() {
    Fanning fanning = newRoomHistory();
    history = fanning.history();
    pubSub = fanning.pubSub();
    room = unique("board:");
    pubSub.listen(
        (channel, m) -> {
          if (m instanceof BusMessage.PublicationMessage p
              && channel.equals(p.publication().room())) {
            fannedOut.add(p.publication());
            fannedOutEpochs.add(p.epoch());
          }
        });
  }

  @Test
  void offsetsStartAtOneAndIncrementWithinOneEpoch() {
    Publication first = await(history.publish(room, draft(1), TEN));
    Publication second = await(history.publish(room, draft(2), TEN));
    assertThat(first.offset()).isEqualTo(1);
    assertThat(second.offset()).isEqualTo(2);
    assertThat(first.room()).isEqualTo(room);
    assertThat(first.event()).isEqualTo("e");
    assertThat(first.data()).isEqualTo("{\"n\":1}");
    assertThat(first.from()).isEqualTo("alice");
    assertThat(first.ts()).isPositive();
    HistoryPage page = await(history.read(room, 0));
    assertThat(page.position().offset()).isEqualTo(2);
    assertThat(page.publications()).containsExactly(first, second);
  }

  @Test
  void everyFannedOutPublicationCarriesTheStreamsEpoch() {
    await(pubSub.subscribe(room));
    await(history.publish(room, draft(1), TEN));
    await(history.publish(room, draft(2), TEN));
    String epoch = await(history.read(room, 0)).position().epoch();
    Awaitility.await().atMost(PATIENCE).until(() -> fannedOutEpochs.size() == 2);
    assertThat(fannedOutEpochs).containsOnly(epoch);
  }

  @Test
  void anUnknownRoomReadsAsOffsetZeroAndKeepsThatEpoch() {
    HistoryPage empty = await(history.read(room, 0));
    assertThat(empty.position().offset()).isZero();
    assertThat(empty.publications()).isEmpty();
    assertThat(empty.position().epoch()).isNotEmpty();
    assertThat(empty.coversFrom(0)).isTrue();
    await(history.publish(room, draft(1), TEN));
    assertThat(await(history.read(room, 0)).position().epoch()).isEqualTo(empty.position().epoch());
  }

  @Test
  void readReturnsOnlyPublicationsAfterTheGivenOffset() {
    publish(5, TEN);
    HistoryPage page = await(history.read(room, 3));
    assertThat(offsets(page)).containsExactly(4L, 5L);
    assertThat(page.coversFrom(3)).isTrue();
    HistoryPage none = await(history.read(room, 5));
    assertThat(none.publications()).isEmpty();
    assertThat(none.position().offset()).isEqualTo(5);
    assertThat(none.coversFrom(5)).isTrue();
  }

  @Test
  void keepsTheNewestSizePublications() {
    HistoryOptions three = new HistoryOptions(3, Duration.ofMinutes(5));
    publish(5, three);
    HistoryPage page = await(history.read(room, 0));
    assertThat(offsets(page)).containsExactly(3L, 4L, 5L);
    assertThat(page.position().offset()).isEqualTo(5);
    assertThat(page.coversFrom(0)).isFalse();
    assertThat(page.coversFrom(1)).isFalse();
    assertThat(await(history.read(room, 2)).coversFrom(2)).isTrue();
  }

  @Test
  void sizeZeroKeepsNothingButStillAssignsOffsets() {
    HistoryOptions none = new HistoryOptions(0, Duration.ofMinutes(5));
    publish(3, none);
    HistoryPage page = await(history.read(room, 0));
    assertThat(page.publications()).isEmpty();
    assertThat(page.position().offset()).isEqualTo(3);
    assertThat(page.coversFrom(0)).isFalse();
  }

  @Test
  void historyExpiresAfterTtlButEpochAndTopOffsetStay() {
    HistoryOptions brief = new HistoryOptions(10, Duration.ofMillis(200));
    publish(2, brief);
    String epoch = await(history.read(room, 0)).position().epoch();
    Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> await(history.read(room, 0)).publications().isEmpty());
    HistoryPage page = await(history.read(room, 0));
    assertThat(page.position().epoch()).isEqualTo(epoch);
    assertThat(page.position().offset()).isEqualTo(2);
    assertThat(page.coversFrom(0)).isFalse();
    assertThat(await(history.publish(room, draft(3), brief)).offset()).isEqualTo(3);
    assertThat(offsets(await(history.read(room, 0)))).containsExactly(3L);
  }

  @Test
  void publishFansOutOnTheRoomChannel() {
    await(pubSub.subscribe(room));
    List<Publication> published = publish(3, TEN);
    Awaitility.await().atMost(PATIENCE).until(() -> fannedOut.size() == 3);
    assertThat(fannedOut).containsExactlyElementsOf(published);
  }

  @Test
  void concurrentPublishersGetDistinctConsecutiveOffsetsDeliveredInOrder() throws Exception {
    await(pubSub.subscribe(room));
    int threads = 4;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    mine.add(await(history.publish(room, draft(i), TEN)).offset());
                  }
                  return mine;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> r : results) {
        all.addAll(r.get());
      }
      long total = (long) threads * each;
      List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
      assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
      Awaitility.await().atMost(PATIENCE).until(() -> fannedOut.size() == total);
      assertThat(fannedOut).extracting(Publication::offset).containsExactlyElementsOf(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void roomsHaveIndependentStreams() {
    String other = unique("board:");
    publish(3, TEN);
    assertThat(await(history.publish(other, draft(1), TEN)).offset()).isEqualTo(1);
    assertThat(await(history.read(other, 0)).publications()).hasSize(1);
  }

  /**
   * Publishes {@code n} drafts (event {@code e}, data {@code {"n":i}}, from {@code alice}) to
   * {@link #room()}, each after the previous one completed.
   *
   * @param n how many
   * @param options the history size and TTL to publish with
   * @return the publications with their offsets, in order
   */
  protected List<Publication> publish(int n, HistoryOptions options) {
    List<Publication> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(await(history.publish(room, draft(i), options)));
    }
    return out;
  }

  /** The room of this test: {@code board:} and a random suffix, new for every test. */
  protected String room() {
    return room;
  }

  private static PublicationDraft draft(int n) {
    return new PublicationDraft("e", "{\"n\":" + n + "}", "alice");
  }

  private static List<Long> offsets(HistoryPage page) {
    return page.publications().stream().map(Publication::offset).toList();
  }
}
