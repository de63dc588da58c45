package io.switchboard.engine.redis;

import static io.switchboard.engine.redis.RedisPresenceScripts.ADD;
import static io.switchboard.engine.redis.RedisPresenceScripts.COUNT;
import static io.switchboard.engine.redis.RedisPresenceScripts.PAGE;
import static io.switchboard.engine.redis.RedisPresenceScripts.REFRESH;
import static io.switchboard.engine.redis.RedisPresenceScripts.REMOVE;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.core.presence.PresenceUpdate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis {@link PresenceStore} (SPEC "Engines", C1 presence; issue 3 point 1; issue 7: no operation
 * reads the whole room; Centrifugo's presence, realtime-anchors §4). Per room three keys ({@link
 * RedisKeys}): a HASH {@code <p>.presence.<room>} (connection → entry JSON {@code
 * {"t":"e","c","u","n","at"}}), a ZSET {@code <p>.presence.exp.<room>} (connection → expiry, epoch
 * ms on the Redis clock, so node clocks do not matter) and an index ZSET {@code
 * <p>.presence.idx.<room>} (score 0, members {@link PresencePage#cursorOf}) that pages read with
 * {@code ZRANGEBYLEX}. Add and remove are O(log n) and report the count ({@code ZCOUNT} of the live
 * expiries); a page is O(log n + limit), reading at most {@value #SCAN_FACTOR} × limit index
 * members to skip expired ones, so it can come back short with a next cursor.
 *
 * <p>Every write is one Lua script ({@link RedisPresenceScripts}). Expired entries are neither
 * counted nor paged; the refresh of a node that still has members in the room removes them and
 * reports each to {@link #onExpired} (one script, so exactly one node sees each). This node
 * remembers the entries it added and extends their expiry every {@code presenceTtl / 3}, writing
 * back any entry or index member Redis lost (a restart without persistence), so presence heals
 * within a third of the TTL; when the node dies its entries expire within {@code presenceTtl}.
 * Refresh and sweep run {@value #BATCH} entries per script, so no script blocks Redis for long. All
 * three keys carry a key TTL of at least {@code presenceTtl}, so abandoned rooms vanish.
 */
public final class RedisPresenceStore implements PresenceStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceStore.class);

  /** Most index members a page reads, per entry asked for. */
  static final int SCAN_FACTOR = 4;

  /** Most entries one refresh script extends, and most it sweeps. */
  static final int BATCH = 500;

  private final Vertx vertx;
  private final Redis redis;
  private final RedisKeys keys;
  private final long ttlMs;

  /** Room → connection → this node's entry, as stored: what the refresh keeps alive. */
  private final Map<String, Map<String, Mine>> mine = new ConcurrentHashMap<>();

  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile BiConsumer<String, PresenceEntry> expired = (room, entry) -> {};
  private long timer = -1;

  /** One of this node's entries: its JSON and its index member. */
  private record Mine(String json, String cursor) {}

  RedisPresenceStore(Vertx vertx, Redis redis, RedisKeys keys, RedisEngineOptions options) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = keys;
    this.ttlMs = options.presenceTtl().toMillis();
  }

  /** Starts refreshing this node's entries every third of the presence TTL. */
  void start() {
    long every = Math.max(1, ttlMs / 3);
    timer = vertx.setPeriodic(every, every, id -> refresh());
  }

  /** Stops refreshing; this node's entries then expire within the presence TTL. */
  void stop() {
    vertx.cancelTimer(timer);
  }

  /** {@inheritDoc} The entry expires {@code presenceTtl} after the last refresh by this node. */
  @Override
  public Future<PresenceUpdate> add(String room, PresenceEntry entry) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(entry, "entry");
    Mine m = new Mine(BusMessageCodec.encodeEntry(entry), PresencePage.cursorOf(entry));
    mine.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(entry.connection(), m);
    return ADD.run(redis, roomKeys(room), entry.connection(), m.json(), ttlMs, m.cursor())
        .map(RedisPresenceStore::update);
  }

  /** {@inheritDoc} An expired entry that was not yet swept counts as absent. */
  @Override
  public Future<PresenceUpdate> remove(String room, String connection) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(connection, "connection");
    mine.computeIfPresent(
        room,
        (r, set) -> {
          set.remove(connection);
          return set.isEmpty() ? null : set;
        });
    return REMOVE.run(redis, roomKeys(room), connection).map(RedisPresenceStore::update);
  }

  /** {@inheritDoc} {@code ZCOUNT} of the live expiries: exact, O(log n). */
  @Override
  public Future<Integer> count(String room) {
    Objects.requireNonNull(room, "room");
    return COUNT.run(redis, roomKeys(room)).map(Response::toInteger);
  }

  /**
   * {@inheritDoc} Reads at most {@value #SCAN_FACTOR} × limit index members after the cursor: when
   * expired entries (not yet swept) fill that, the page is shorter than the limit but its {@code
   * next} is set.
   */
  @Override
  public Future<PresencePage> page(String room, String cursor, int limit) {
    Objects.requireNonNull(room, "room");
    int wanted = Math.max(0, Math.min(limit, MAX_PAGE));
    return PAGE.run(
            redis, roomKeys(room), cursor == null ? "" : cursor, wanted, wanted * SCAN_FACTOR)
        .map(
            r -> {
              List<PresenceEntry> entries = new ArrayList<>((r.size() - 2) / 2);
              for (int i = 2; i + 1 < r.size(); i += 2) {
                entries.add(
                    BusMessageCodec.decodeEntry(r.get(i).toString(), r.get(i + 1).toString()));
              }
              String next = r.get(1).toString();
              int count = r.get(0).toInteger();
              return count == 0 && entries.isEmpty() && next.isEmpty()
                  ? PresencePage.EMPTY
                  : new PresencePage(entries, next.isEmpty() ? null : next, count);
            });
  }

  /**
   * {@inheritDoc} Called from this node's refresh, every third of the presence TTL, on the Vert.x
   * thread that completes the refresh script.
   */
  @Override
  public void onExpired(BiConsumer<String, PresenceEntry> listener) {
    this.expired = Objects.requireNonNull(listener, "listener");
  }

  private void refresh() {
    if (!refreshing.compareAndSet(false, true)) {
      return; // the previous round is still running
    }
    Future<Void> chain = Future.succeededFuture();
    for (String room : mine.keySet()) {
      chain =
          chain.transform(
              ar ->
                  refresh(room)
                      .onFailure(
                          err ->
                              LOG.warn("presence refresh of {} failed: {}", room, err.toString())));
    }
    chain.onComplete(ar -> refreshing.set(false));
  }

  /** Refreshes this node's entries of {@code room} in batches, then sweeps until none is left. */
  private Future<Void> refresh(String room) {
    // read now, not when the round started: a remove meanwhile must not be written back
    List<Object> args = new ArrayList<>();
    mine.getOrDefault(room, Map.of())
        .forEach(
            (connection, m) -> {
              args.add(connection);
              args.add(m.json());
              args.add(m.cursor());
            });
    Future<Boolean> chain = Future.succeededFuture(false);
    for (int i = 0; i < args.size(); i += 3 * BATCH) {
      List<Object> batch = args.subList(i, Math.min(args.size(), i + 3 * BATCH));
      chain = chain.compose(full -> run(room, batch).map(more -> full || more));
    }
    return chain.compose(more -> more ? sweep(room) : Future.succeededFuture());
  }

  /** Sweep-only rounds while each finds a full batch of expired entries. */
  private Future<Void> sweep(String room) {
    return run(room, List.of()).compose(more -> more ? sweep(room) : Future.succeededFuture());
  }

  /** One REFRESH script; reports its swept entries and whether it swept a full batch. */
  private Future<Boolean> run(String room, List<Object> triples) {
    Object[] args = new Object[triples.size() + 2];
    args[0] = ttlMs;
    args[1] = BATCH;
    for (int i = 0; i < triples.size(); i++) {
      args[i + 2] = triples.get(i);
    }
    return REFRESH
        .run(redis, roomKeys(room), args)
        .map(
            gone -> {
              for (int i = 0; i + 1 < gone.size(); i += 2) {
                expired.accept(
                    room,
                    BusMessageCodec.decodeEntry(
                        gone.get(i).toString(), gone.get(i + 1).toString()));
              }
              return gone.size() / 2 == BATCH;
            });
  }

  private static PresenceUpdate update(Response r) {
    return new PresenceUpdate(r.get(0).toInteger() == 1, r.get(1).toInteger());
  }

  private List<String> roomKeys(String room) {
    return List.of(keys.presence(room), keys.presenceExpiry(room), keys.presenceIndex(room));
  }
}
