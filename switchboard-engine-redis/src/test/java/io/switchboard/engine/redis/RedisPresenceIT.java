package io.switchboard.engine.redis;

import static io.switchboard.engine.redis.RedisTestSupport.join;
import static io.switchboard.engine.redis.RedisTestSupport.members;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.core.presence.PresenceUpdate;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis-specific presence (issue 7): the index ZSET that pages read, what a page of a large room
 * costs, expired entries skipped before their sweep, refresh and sweep in batches. The port's
 * contract runs in {@code RedisContractsIT}; expiry and write-back of lost rooms in {@code
 * RedisEngineIT}. Only keys under this class's random prefix are touched.
 */
class RedisPresenceIT {
  private static final String PREFIX = RedisTestSupport.prefix();
  private static final RedisKeys KEYS = new RedisKeys(PREFIX);

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
  void aPageOfATenThousandMemberRoomReadsOnlyThePage() {
    PresenceStore presence = engine(RedisTestSupport.options(PREFIX)).presence();
    String room = room("stadium:");
    List<PresenceEntry> added = entries("c", 10_000, "node-a", 1_000_000);
    addAll(presence, room, added);
    PresencePage first = join(presence.page(room, null, 100));
    assertThat(first.entries()).containsExactlyElementsOf(added.subList(0, 100));
    assertThat(first.count()).isEqualTo(10_000);
    assertThat(first.next()).isEqualTo(PresencePage.cursorOf(added.get(99)));
    PresencePage second = join(presence.page(room, first.next(), 100));
    assertThat(second.entries()).containsExactlyElementsOf(added.subList(100, 200));
    PresencePage capped = join(presence.page(room, null, Integer.MAX_VALUE));
    assertThat(capped.entries())
        .containsExactlyElementsOf(added.subList(0, PresenceStore.MAX_PAGE));
    assertThat(capped.next())
        .isEqualTo(PresencePage.cursorOf(added.get(PresenceStore.MAX_PAGE - 1)));
    PresenceEntry late = new PresenceEntry("late", "u", "node-a", 2_000_000);
    assertThat(join(presence.add(room, late))).isEqualTo(new PresenceUpdate(true, 10_001));
  }

  @Test
  void replacingAnEntryMovesItsIndexMemberAndEveryKeyExpires() {
    PresenceStore presence = engine(RedisTestSupport.options(PREFIX)).presence();
    String room = room("chat:");
    join(presence.add(room, new PresenceEntry("c1", "alice", "node-a", 1_000)));
    PresenceEntry moved = new PresenceEntry("c1", "alice", "node-b", 1_500);
    join(presence.add(room, moved));
    assertThat(command(Request.cmd(Command.ZRANGE).arg(KEYS.presenceIndex(room)).arg(0).arg(-1)))
        .extracting(Response::toString)
        .containsExactly(PresencePage.cursorOf(moved));
    long ttl = RedisEngineOptions.DEFAULTS.presenceTtl().toMillis();
    for (String key :
        List.of(KEYS.presence(room), KEYS.presenceExpiry(room), KEYS.presenceIndex(room))) {
      assertThat(command(Request.cmd(Command.PTTL).arg(key)).toLong()).as(key).isBetween(1L, ttl);
    }
    join(presence.remove(room, "c1"));
    assertThat(
            command(
                    Request.cmd(Command.EXISTS)
                        .arg(KEYS.presence(room))
                        .arg(KEYS.presenceExpiry(room))
                        .arg(KEYS.presenceIndex(room)))
                .toLong())
        .isZero();
  }

  @Test
  void aLostIndexMemberIsWrittenBackByTheNextRefresh() {
    RedisEngine node =
        engine(RedisTestSupport.options(PREFIX).withPresenceTtl(Duration.ofMillis(1500)));
    String room = room("chat:");
    PresenceEntry first = new PresenceEntry("c1", "alice", "node-a", 1_000);
    PresenceEntry second = new PresenceEntry("c2", "bob", "node-a", 2_000);
    join(node.presence().add(room, first));
    join(node.presence().add(room, second));
    command(
        Request.cmd(Command.ZREM).arg(KEYS.presenceIndex(room)).arg(PresencePage.cursorOf(first)));
    assertThat(members(node.presence(), room)).as("paging reads the index").containsExactly(second);
    Awaitility.await()
        .atMost(Duration.ofMillis(500 + 500)) // one refresh period + slack
        .until(() -> members(node.presence(), room).equals(List.of(first, second)));
  }

  @Test
  void expiredEntriesNotYetSweptAreSkippedReadingAtMostFourTimesTheLimit() {
    RedisEngine dying =
        RedisTestSupport.newEngine(
            RedisTestSupport.options(PREFIX).withPresenceTtl(Duration.ofMillis(300)));
    // default TTL: its first refresh, which would sweep, comes after 20 s
    PresenceStore reader = engine(RedisTestSupport.options(PREFIX)).presence();
    String room = room("chat:");
    List<PresenceEntry> dead = entries("d", 10, "node-dying", 1);
    List<PresenceEntry> live = entries("l", 5, "node-alive", 100);
    addAll(dying.presence(), room, dead);
    addAll(reader, room, live);
    join(dying.close());
    Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> join(reader.count(room)) == 5);
    assertThat(command(Request.cmd(Command.HLEN).arg(KEYS.presence(room))).toLong())
        .as("not swept yet")
        .isEqualTo(15);
    PresencePage first = join(reader.page(room, null, 2));
    assertThat(first).isEqualTo(new PresencePage(List.of(), PresencePage.cursorOf(dead.get(7)), 5));
    PresencePage second = join(reader.page(room, first.next(), 2));
    assertThat(second.entries()).containsExactlyElementsOf(live.subList(0, 2));
    assertThat(members(reader, room)).containsExactlyElementsOf(live);
  }

  @Test
  void refreshAndSweepWorkInBatchesAndReportEachDeadEntryOnce() {
    RedisEngineOptions shortTtl =
        RedisTestSupport.options(PREFIX).withPresenceTtl(Duration.ofMillis(1500));
    RedisEngine dying = RedisTestSupport.newEngine(shortTtl);
    RedisEngine alive = engine(shortTtl);
    List<String> expired = new CopyOnWriteArrayList<>();
    alive.presence().onExpired((r, e) -> expired.add(e.connection()));
    String room = room("chat:");
    int dead =
        4 * RedisPresenceStore.BATCH + 200; // five sweeps: one refresh must loop to sweep them all
    addAll(
        alive.presence(), room, entries("a", RedisPresenceStore.BATCH + 200, "node-alive", 1_000));
    addAll(dying.presence(), room, entries("d", dead, "node-dying", 5_000));
    join(dying.close());
    Awaitility.await()
        .atMost(Duration.ofMillis(1500 + 500 + 500)) // TTL + period + slack, as for one entry
        .until(() -> expired.size() >= dead);
    assertThat(new HashSet<>(expired)).hasSize(dead);
    // more than a TTL after the adds: every batch of the survivor's entries was refreshed
    Awaitility.await()
        .during(Duration.ofMillis(1100))
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                expired.size() == dead
                    && join(alive.presence().count(room)) == RedisPresenceStore.BATCH + 200);
    assertThat(command(Request.cmd(Command.ZCARD).arg(KEYS.presenceIndex(room))).toLong())
        .isEqualTo(RedisPresenceStore.BATCH + 200);
  }

  private RedisEngine engine(RedisEngineOptions options) {
    RedisEngine e = RedisTestSupport.newEngine(options);
    engines.add(e);
    return e;
  }

  /** {@code n} entries {@code <prefix>00000…}, joined one millisecond apart from {@code from}. */
  private static List<PresenceEntry> entries(String prefix, int n, String node, long from) {
    List<PresenceEntry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new PresenceEntry(String.format("%s%05d", prefix, i), "u" + i, node, from + i));
    }
    return out;
  }

  /** Adds every entry, 500 writes in flight at a time. */
  private static void addAll(PresenceStore presence, String room, List<PresenceEntry> entries) {
    for (int i = 0; i < entries.size(); i += 500) {
      List<Future<PresenceUpdate>> batch = new ArrayList<>();
      entries
          .subList(i, Math.min(entries.size(), i + 500))
          .forEach(e -> batch.add(presence.add(room, e)));
      join(Future.all(batch));
    }
  }

  private static Response command(Request request) {
    return RedisTestSupport.command(request);
  }

  private static String room(String namespace) {
    return namespace + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
