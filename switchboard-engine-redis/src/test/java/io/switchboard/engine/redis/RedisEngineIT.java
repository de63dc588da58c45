package io.switchboard.engine.redis;

import static io.switchboard.engine.redis.RedisTestSupport.fails;
import static io.switchboard.engine.redis.RedisTestSupport.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.snapshot.Snapshot;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis-specific behaviour of the engine (issue 3 point 1): a lost meta key means a new epoch, the
 * stream keeps the newest N, a dead node's presence expires, the pub/sub connection comes back by
 * itself with its channels, and readiness tells the truth meanwhile. Only keys under this class's
 * random prefix are touched: the server is shared.
 */
class RedisEngineIT {
  private static final String PREFIX = RedisTestSupport.prefix();
  private static final HistoryOptions TEN = new HistoryOptions(10, Duration.ofMinutes(5));
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final List<RedisEngine> engines = new ArrayList<>();

  @AfterEach
  void closeEngines() {
    engines.forEach(e -> join(e.close()));
  }

  @AfterAll
  static void deleteKeys() {
    RedisTestSupport.deleteKeys(PREFIX);
  }

  @Test
  void losingTheMetaKeyStartsANewEpochAndDropsTheOldStream() {
    RedisEngine engine = engine(RedisTestSupport.options(PREFIX));
    String room = room("board:");
    join(engine.history().publish(room, draft(1), TEN));
    join(engine.history().publish(room, draft(2), TEN));
    HistoryPage before = join(engine.history().read(room, 0));
    assertThat(before.position().offset()).isEqualTo(2);

    RedisTestSupport.command(Request.cmd(Command.DEL).arg(PREFIX + ".meta." + room));

    HistoryPage after = join(engine.history().read(room, 0));
    assertThat(after.position().epoch()).isNotEqualTo(before.position().epoch());
    assertThat(after.position().offset()).isZero();
    assertThat(after.publications()).isEmpty();
    assertThat(after.coversFrom(2)).as("old offset 2 is past the new top").isTrue();
    Publication next = join(engine.history().publish(room, draft(3), TEN));
    assertThat(next.offset()).isEqualTo(1);
    assertThat(join(engine.history().read(room, 0)).position().epoch())
        .isEqualTo(after.position().epoch());
  }

  @Test
  void theStreamKeepsTheNewestPublications() {
    RedisEngine engine = engine(RedisTestSupport.options(PREFIX));
    String room = room("chat:");
    HistoryOptions three = new HistoryOptions(3, Duration.ofMinutes(5));
    for (int i = 1; i <= 7; i++) {
      join(engine.history().publish(room, draft(i), three));
    }
    assertThat(
            RedisTestSupport.command(Request.cmd(Command.XLEN).arg(PREFIX + ".stream." + room))
                .toLong())
        .isEqualTo(3);
    assertThat(join(engine.history().read(room, 0)).publications())
        .extracting(Publication::data)
        .containsExactly("{\"n\":5}", "{\"n\":6}", "{\"n\":7}");
  }

  @Test
  void aDeadNodesPresenceExpiresWithinTheTtl() {
    RedisEngineOptions shortTtl =
        RedisTestSupport.options(PREFIX).withPresenceTtl(Duration.ofMillis(1500));
    RedisEngine dying = RedisTestSupport.newEngine(shortTtl);
    RedisEngine alive = engine(shortTtl);
    String room = room("chat:");
    PresenceEntry entry = new PresenceEntry("c1", "alice", "node-dying", 1_000);
    join(dying.presence().add(room, entry));

    // refreshed every 500 ms, so it outlives twice its TTL while its node lives
    Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> RedisTestSupport.members(alive.presence(), room).equals(List.of(entry)));

    join(dying.close()); // closed without removing: its refresh stops
    Awaitility.await()
        .atMost(Duration.ofMillis(1500 + 500)) // TTL + polling slack
        .until(() -> RedisTestSupport.members(alive.presence(), room).isEmpty());
    assertThat(join(alive.presence().count(room))).isZero();
  }

  @Test
  void aDeadNodesEntryIsReportedOnceToANodeStillInTheRoom() {
    RedisEngineOptions shortTtl =
        RedisTestSupport.options(PREFIX).withPresenceTtl(Duration.ofMillis(1500));
    RedisEngine dying = RedisTestSupport.newEngine(shortTtl);
    RedisEngine alive = engine(shortTtl);
    RedisEngine other = engine(shortTtl);
    List<String> expired = new CopyOnWriteArrayList<>();
    alive
        .presence()
        .onExpired((room, e) -> expired.add(room + "/" + e.connection() + "/" + e.user()));
    other
        .presence()
        .onExpired((room, e) -> expired.add(room + "/" + e.connection() + "/" + e.user()));
    String room = room("chat:");
    join(alive.presence().add(room, new PresenceEntry("c-alive", "gina", "node-alive", 1_000)));
    join(other.presence().add(room, new PresenceEntry("c-other", "ivan", "node-other", 1_000)));
    PresenceEntry dead = new PresenceEntry("c-dead", "hank", "node-dying", 2_000);
    join(dying.presence().add(room, dead));
    join(dying.close());
    Awaitility.await()
        .atMost(Duration.ofMillis(1500 + 500 + 500))
        .until(() -> expired.equals(List.of(room + "/c-dead/hank")));
    RedisKeys keys = new RedisKeys(PREFIX);
    assertThat(
            RedisTestSupport.command(
                Request.cmd(Command.ZSCORE)
                    .arg(keys.presenceIndex(room))
                    .arg(PresencePage.cursorOf(dead))))
        .as("swept from the index too")
        .isNull();
    assertThat(RedisTestSupport.members(alive.presence(), room))
        .extracting(PresenceEntry::user)
        .containsExactly("gina", "ivan");
    assertThat(join(alive.presence().count(room))).isEqualTo(2);
    // two more refresh periods of both survivors: still reported exactly once
    Awaitility.await()
        .during(Duration.ofMillis(1100))
        .atMost(Duration.ofSeconds(2))
        .until(() -> expired.size() == 1);
  }

  @Test
  void presenceLostByRedisIsWrittenBackByTheNextRefresh() {
    RedisEngineOptions shortTtl =
        RedisTestSupport.options(PREFIX).withPresenceTtl(Duration.ofMillis(1500));
    RedisEngine node = engine(shortTtl);
    String room = room("chat:");
    PresenceEntry entry = new PresenceEntry("c1", "alice", "node-a", 1_000);
    join(node.presence().add(room, entry));
    RedisKeys keys = new RedisKeys(PREFIX);
    // what a Redis restart without persistence does to the room's presence
    RedisTestSupport.command(
        Request.cmd(Command.DEL)
            .arg(keys.presence(room))
            .arg(keys.presenceExpiry(room))
            .arg(keys.presenceIndex(room)));
    assertThat(join(node.presence().page(room, null, 10))).isEqualTo(PresencePage.EMPTY);
    Awaitility.await()
        .atMost(Duration.ofMillis(500 + 500)) // one refresh period + slack
        .until(
            () ->
                join(node.presence().page(room, null, 10))
                    .equals(new PresencePage(List.of(entry), null, 1)));
  }

  @Test
  void publicationsReachAnotherNodeInOffsetOrder() {
    RedisEngine a = engine(RedisTestSupport.options(PREFIX));
    RedisEngine b = engine(RedisTestSupport.options(PREFIX));
    List<Publication> got = new CopyOnWriteArrayList<>();
    b.pubSub().listen((ch, m) -> got.add(((BusMessage.PublicationMessage) m).publication()));
    String room = room("board:");
    join(b.pubSub().subscribe(room));
    List<Publication> sent = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      sent.add(join(a.history().publish(room, draft(i), TEN)));
    }
    Awaitility.await().atMost(PATIENCE).until(() -> got.size() == 20);
    assertThat(got).containsExactlyElementsOf(sent);
  }

  @Test
  void thePubSubConnectionComesBackWithEveryChannelAndReadinessFollows() {
    RedisEngine engine =
        engine(
            RedisTestSupport.options(PREFIX)
                .withReconnect(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    RedisPubSub pubSub = engine.pubSub();
    List<Map.Entry<String, BusMessage>> got = new CopyOnWriteArrayList<>();
    pubSub.listen((ch, m) -> got.add(Map.entry(ch, m)));
    List<String> channels = new ArrayList<>();
    List<Future<Void>> subscribed = new ArrayList<>();
    for (int i = 0; i < RedisPubSub.SUBSCRIBE_BATCH + 100; i++) {
      channels.add(room("chat:"));
      subscribed.add(pubSub.subscribe(channels.get(i)));
    }
    join(Future.all(subscribed));
    long killed = pubSub.connectionId();
    assertThat(killed).isPositive();

    RedisTestSupport.command(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(killed));

    Awaitility.await().atMost(PATIENCE).until(() -> fails(engine.ready()));
    assertThat(fails(pubSub.subscribe(room("chat:")))).as("subscribe while down").isTrue();
    Awaitility.await().atMost(PATIENCE).until(() -> !fails(engine.ready()));
    assertThat(pubSub.connectionId()).isNotEqualTo(killed);
    assertThat(pubSub.reconnects()).isEqualTo(1);

    // every resubscribed channel is told that messages may have been lost meanwhile
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                got.stream()
                        .filter(e -> e.getValue() instanceof BusMessage.Interrupted)
                        .map(Map.Entry::getKey)
                        .distinct()
                        .count()
                    == channels.size());
    String first = channels.get(0);
    String last = channels.get(channels.size() - 1);
    BusMessage note = new BusMessage.Notification("u", "n", "1");
    join(pubSub.publish(last, note));
    join(pubSub.publish(first, note));
    Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> got.contains(Map.entry(last, note)) && got.contains(Map.entry(first, note)));
  }

  @Test
  void aFailedStartNamesTheServerWithoutItsPassword() {
    for (String url :
        List.of("redis://:s3cret-pw@127.0.0.1:1", "redis://127.0.0.1:1?password=s3cret-pw")) {
      Throwable failure =
          RedisEngine.connect(
                  io.vertx.core.Vertx.vertx(),
                  RedisTestSupport.options(PREFIX).withConnectionString(url))
              .toCompletionStage()
              .toCompletableFuture()
              .handle((ok, e) -> e)
              .join();
      assertThat(failure).isNotNull();
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret-pw");
      }
      assertThat(failure.getMessage()).contains("127.0.0.1:1").contains("***");
    }
  }

  @Test
  void snapshotBytesRoundTripExactly() {
    RedisEngine engine = engine(RedisTestSupport.options(PREFIX));
    byte[] all = new byte[512];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    String room = room("board:");
    assertThat(
            join(
                engine
                    .snapshots()
                    .put(room, new Snapshot("s", 1, "gzip", all, 9L), Duration.ofMinutes(1))))
        .isTrue();
    assertThat(join(engine.snapshots().get(room)).data()).isEqualTo(all);
  }

  private RedisEngine engine(RedisEngineOptions options) {
    RedisEngine e = RedisTestSupport.newEngine(options);
    engines.add(e);
    return e;
  }

  private static String room(String namespace) {
    return namespace + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static PublicationDraft draft(int n) {
    return new PublicationDraft("e", "{\"n\":" + n + "}", "alice");
  }
}
