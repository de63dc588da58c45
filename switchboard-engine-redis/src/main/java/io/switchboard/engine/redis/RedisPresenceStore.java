package io.switchboard.engine.redis;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresenceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis {@link PresenceStore} (SPEC "Engines", C1 presence; issue 3 point 1; Centrifugo's
 * presence, realtime-anchors §4). Per room a HASH {@code <p>.presence.<room>} (connection →
 * entry JSON {@code {"c","u","n","at"}}) and a ZSET {@code <p>.presence.exp.<room>}
 * (connection → expiry, epoch ms on the Redis clock, so node clocks do not matter).
 *
 * <p>Every write is a Lua script. {@link #list} leaves out expired entries; the refresh of a
 * node that still has members in the room removes them and reports each to {@link #onExpired}
 * (one script, so exactly one node sees each). This node
 * remembers the entries it added and extends their expiry every {@code presenceTtl / 3},
 * writing back any entry Redis lost (a restart without persistence), so presence heals within
 * a third of the TTL; when the node dies its entries expire within {@code presenceTtl}. Both
 * keys also carry a key TTL of at least {@code presenceTtl}, so abandoned rooms vanish.
 */
public final class RedisPresenceStore implements PresenceStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceStore.class);
  private static final String NOW = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local function touch(key, ttl)
        if redis.call('PTTL', key) < tonumber(ttl) then redis.call('PEXPIRE', key, ttl) end
      end
      """;
  private static final RedisScript ADD = new RedisScript(NOW + """
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[1])
      touch(KEYS[1], ARGV[3])
      touch(KEYS[2], ARGV[3])
      return 1
      """);
  private static final RedisScript REMOVE = new RedisScript(NOW + """
      local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
      local n = redis.call('HDEL', KEYS[1], ARGV[1])
      redis.call('ZREM', KEYS[2], ARGV[1])
      if n == 1 and score and tonumber(score) > now then return 1 end
      return 0
      """);
  private static final RedisScript LIST = new RedisScript(NOW + """
      local all = redis.call('HGETALL', KEYS[1])
      local out = {}
      for i = 1, #all, 2 do
        local expires = redis.call('ZSCORE', KEYS[2], all[i])
        if expires and tonumber(expires) > now then
          table.insert(out, all[i])
          table.insert(out, all[i + 1])
        end
      end
      return out
      """);
  private static final RedisScript REFRESH = new RedisScript(NOW + """
      local at = now + tonumber(ARGV[1])
      for i = 2, #ARGV, 2 do
        redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
        redis.call('ZADD', KEYS[2], at, ARGV[i])
      end
      touch(KEYS[1], ARGV[1])
      touch(KEYS[2], ARGV[1])
      local expired = {}
      for _, c in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
        local e = redis.call('HGET', KEYS[1], c)
        if e then
          table.insert(expired, c)
          table.insert(expired, e)
          redis.call('HDEL', KEYS[1], c)
        end
        redis.call('ZREM', KEYS[2], c)
      end
      return expired
      """);
  private static final Comparator<PresenceEntry> OLDEST_FIRST =
      Comparator.comparingLong(PresenceEntry::joinedAt).thenComparing(PresenceEntry::connection);

  private final Vertx vertx;
  private final Redis redis;
  private final RedisKeys keys;
  private final long ttlMs;
  private final Map<String, Map<String, String>> mine = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, PresenceEntry> expired = (room, entry) -> { };
  private long timer = -1;

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
  public Future<Void> add(String room, PresenceEntry entry) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(entry, "entry");
    String encoded = BusMessageCodec.encodeEntry(entry);
    mine.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).put(entry.connection(), encoded);
    return ADD.run(redis, roomKeys(room), entry.connection(), encoded, ttlMs).mapEmpty();
  }

  /** {@inheritDoc} An expired entry that was not yet swept counts as absent. */
  @Override
  public Future<Boolean> remove(String room, String connection) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(connection, "connection");
    mine.computeIfPresent(room, (r, set) -> {
      set.remove(connection);
      return set.isEmpty() ? null : set;
    });
    return REMOVE.run(redis, roomKeys(room), connection).map(r -> r.toLong() == 1);
  }

  /** {@inheritDoc} Ordered by {@link PresenceEntry#joinedAt()}, ties by connection id. */
  @Override
  public Future<List<PresenceEntry>> list(String room) {
    Objects.requireNonNull(room, "room");
    return LIST.run(redis, roomKeys(room)).map(r -> {
      List<PresenceEntry> out = new ArrayList<>(r.size() / 2);
      for (int i = 0; i + 1 < r.size(); i += 2) {
        out.add(BusMessageCodec.decodeEntry(r.get(i).toString(), r.get(i + 1).toString()));
      }
      out.sort(OLDEST_FIRST);
      return List.copyOf(out);
    });
  }

  /** {@inheritDoc} Called from this node's refresh, every third of the presence TTL. */
  @Override
  public void onExpired(BiConsumer<String, PresenceEntry> listener) {
    this.expired = Objects.requireNonNull(listener, "listener");
  }

  private void refresh() {
    Future<Response> chain = Future.succeededFuture();
    for (Map.Entry<String, Map<String, String>> e : mine.entrySet()) {
      List<Object> args = new ArrayList<>();
      args.add(ttlMs);
      e.getValue().forEach((connection, entry) -> {
        args.add(connection);
        args.add(entry);
      });
      if (args.size() > 1) {
        chain = chain.transform(ar -> REFRESH.run(redis, roomKeys(e.getKey()), args.toArray()))
            .onSuccess(gone -> {
              for (int i = 0; i + 1 < gone.size(); i += 2) {
                expired.accept(e.getKey(), BusMessageCodec.decodeEntry(gone.get(i).toString(), gone.get(i + 1).toString()));
              }
            })
            .onFailure(err -> LOG.warn("presence refresh of {} failed: {}", e.getKey(), err.toString()));
      }
    }
  }

  private List<String> roomKeys(String room) {
    return List.of(keys.presence(room), keys.presenceExpiry(room));
  }
}
