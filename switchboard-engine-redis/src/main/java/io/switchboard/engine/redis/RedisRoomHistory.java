package io.switchboard.engine.redis;

import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.room.RoomHistory;
import io.switchboard.core.room.StreamPosition;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis {@link RoomHistory} (SPEC "Engines", C1; issue 3 point 1; Centrifugo's publish script,
 * realtime-anchors §4). Per room: the meta HASH {@code <p>.meta.<room>} ({@code epoch}, {@code
 * top}) and the STREAM {@code <p>.stream.<room>} (entry id {@code <offset>-0}, field {@code d} =
 * the {@link BusMessageCodec} publication, the same bytes that go out on the channel).
 *
 * <p>{@link #publish} is one Lua script: create the meta with a new random epoch if it is missing
 * (deleting any old stream, so a lost meta always means a new epoch), {@code HINCRBY top}, stamp
 * {@code ts} from Redis {@code TIME}, {@code XADD MAXLEN <size>} (the newest are kept), {@code
 * PEXPIRE} the stream to the history TTL and the meta to {@code max(ttl, metaTtl)}, and {@code
 * PUBLISH} on {@code <p>.ch.<room>}, which {@link RedisPubSub} receives. Redis runs scripts one at
 * a time, so channel order is offset order. {@link #read} is a second script, so the position and
 * the page are one consistent view. Publish scripts issued in one event-loop pass go to Redis as
 * one pipeline ({@link RedisPipeline}, issue 13).
 *
 * <p>A read of a room never published to (a join creates its meta, so that its epoch is stable)
 * gives the meta only {@code emptyRoomTtl} (default 5 min), refreshed by each later read while
 * {@code top} is 0, so joins of ever-new room names do not hold keys for {@code metaTtl} (issue 7).
 * A room whose members stay quiet for longer than that gets a new epoch with its first publication:
 * nothing was lost (there was nothing to lose), and members are told with a {@code joined} carrying
 * {@code recovered: false}.
 */
public final class RedisRoomHistory implements RoomHistory {
  private static final RedisScript PUBLISH =
      new RedisScript(
          """
      local epoch = redis.call('HGET', KEYS[1], 'epoch')
      if not epoch then
        epoch = ARGV[1]
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[1], 'epoch', epoch, 'top', 0)
      end
      local top = redis.call('HINCRBY', KEYS[1], 'top', 1)
      local t = redis.call('TIME')
      local ts = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
      local payload = ARGV[6] .. top .. ',"ts":' .. ts .. '}'
      if tonumber(ARGV[2]) > 0 then
        redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], top .. '-0', 'd', payload)
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
      else
        redis.call('DEL', KEYS[2])
      end
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      redis.call('PUBLISH', ARGV[5], string.sub(payload, 1, -2) .. ',"ep":"' .. epoch .. '"}')
      return {epoch, top, ts}
      """);

  private static final RedisScript READ =
      new RedisScript(
          """
      local epoch = redis.call('HGET', KEYS[1], 'epoch')
      local top = 0
      if not epoch then
        epoch = ARGV[1]
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[1], 'epoch', epoch, 'top', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
      else
        top = redis.call('HGET', KEYS[1], 'top')
        if top == '0' then
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
        end
      end
      local out = {epoch, top}
      for _, e in ipairs(redis.call('XRANGE', KEYS[2], ARGV[2], '+')) do
        out[#out + 1] = e[2][2]
      end
      return out
      """);

  private final Redis redis;
  private final RedisPipeline publishes;
  private final RedisKeys keys;
  private final long metaTtlMs;
  private final long emptyRoomTtlMs;

  RedisRoomHistory(Redis redis, RedisKeys keys, RedisEngineOptions options) {
    this.redis = redis;
    this.publishes = new RedisPipeline(redis);
    this.keys = keys;
    this.metaTtlMs = options.metaTtl().toMillis();
    this.emptyRoomTtlMs = options.emptyRoomTtl().toMillis();
  }

  /** The publishes waiting for their pipelined batch ({@link RedisPipeline#waiting}). */
  int pipelineWaiting() {
    return publishes.waiting();
  }

  /** {@inheritDoc} Completes with the offset and Redis-clock {@code ts} the script assigned. */
  @Override
  public Future<Publication> publish(String room, PublicationDraft draft, HistoryOptions options) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(options, "options");
    long ttl = options.ttl().toMillis();
    return PUBLISH
        .run(
            publishes,
            redis,
            List.of(keys.meta(room), keys.stream(room)),
            newEpoch(),
            options.size(),
            ttl,
            Math.max(ttl, metaTtlMs),
            keys.channel(room),
            BusMessageCodec.publicationHead(room, draft))
        .map(r -> draft.at(room, r.get(1).toLong(), Long.parseLong(r.get(2).toString())));
  }

  /**
   * {@inheritDoc} A missing meta is created with a new epoch that lives for {@code emptyRoomTtl},
   * and a meta never published to lives that long again after each read.
   */
  @Override
  public Future<HistoryPage> read(String room, long afterOffset) {
    Objects.requireNonNull(room, "room");
    long from = afterOffset < 0 ? 1 : afterOffset == Long.MAX_VALUE ? afterOffset : afterOffset + 1;
    return READ.run(
            redis,
            List.of(keys.meta(room), keys.stream(room)),
            newEpoch(),
            Long.toUnsignedString(from) + "-0",
            emptyRoomTtlMs)
        .map(
            r -> {
              StreamPosition position = new StreamPosition(r.get(0).toString(), r.get(1).toLong());
              List<Publication> pubs = new ArrayList<>(r.size() - 2);
              for (int i = 2; i < r.size(); i++) {
                BusMessage m = BusMessageCodec.decode(r.get(i).toString());
                pubs.add(((BusMessage.PublicationMessage) m).publication());
              }
              return new HistoryPage(position, pubs);
            });
  }

  private static String newEpoch() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }
}
