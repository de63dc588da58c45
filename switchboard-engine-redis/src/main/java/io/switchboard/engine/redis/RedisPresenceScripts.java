package io.switchboard.engine.redis;

import java.util.Map;

/**
 * The Lua scripts of {@link RedisPresenceStore} (issue 7: no script reads more than O(log n + the
 * page it returns), checked by {@code RedisPresenceScriptsTest}). Every script takes the room's
 * three keys: {@code KEYS[1]} the HASH connection → entry JSON, {@code KEYS[2]} the ZSET connection
 * → expiry (epoch ms on the Redis clock, {@code TIME}), {@code KEYS[3]} the index ZSET of score 0
 * whose members are {@code PresencePage.cursorOf(entry)}, paged with {@code ZRANGEBYLEX}. A member
 * is live while its expiry is after now; the count is {@code ZCOUNT} of the live expiries. An index
 * member's cursor is rebuilt from a stored entry with {@code cjson} (its {@code at}, see {@code
 * BusMessageCodec.encodeEntry}) where the caller cannot know it.
 */
final class RedisPresenceScripts {
  private RedisPresenceScripts() {}

  private static final String COMMON =
      """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local function touch(ttl)
        for i = 1, 3 do
          if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
        end
      end
      local function live()
        return redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')
      end
      local function cursor(c, json)
        return string.format('%013d:%s', math.max(0, cjson.decode(json)['at']), c)
      end
      """;

  /**
   * Adds or replaces an entry. ARGV: connection, entry JSON, TTL ms, cursor of the entry. Returns
   * {@code {1 if the connection was not live before else 0, live count after}}.
   */
  static final RedisScript ADD =
      new RedisScript(
          COMMON
              + """
      local c, ttl, idx = ARGV[1], tonumber(ARGV[3]), ARGV[4]
      local score = redis.call('ZSCORE', KEYS[2], c)
      local old = redis.call('HGET', KEYS[1], c)
      if old and old ~= ARGV[2] then
        local oc = cursor(c, old)
        if oc ~= idx then redis.call('ZREM', KEYS[3], oc) end
      end
      redis.call('HSET', KEYS[1], c, ARGV[2])
      redis.call('ZADD', KEYS[2], now + ttl, c)
      redis.call('ZADD', KEYS[3], 0, idx)
      touch(ttl)
      if score and tonumber(score) > now then return {0, live()} end
      return {1, live()}
      """);

  /**
   * Removes an entry. ARGV: connection. Returns {@code {1 if it was live else 0, live count
   * after}}; an expired entry not yet swept is removed silently.
   */
  static final RedisScript REMOVE =
      new RedisScript(
          COMMON
              + """
      local c = ARGV[1]
      local score = redis.call('ZSCORE', KEYS[2], c)
      local old = redis.call('HGET', KEYS[1], c)
      redis.call('ZREM', KEYS[2], c)
      if not old then return {0, live()} end
      redis.call('HDEL', KEYS[1], c)
      redis.call('ZREM', KEYS[3], cursor(c, old))
      if score and tonumber(score) > now then return {1, live()} end
      return {0, live()}
      """);

  /** The live count. No ARGV. */
  static final RedisScript COUNT = new RedisScript(COMMON + "return live()\n");

  /**
   * One page. ARGV: the cursor to start after ({@code ""} for the first page), the limit (0 for
   * only the count), the most index members to read (skipping expired ones, which are not yet
   * swept). Returns {@code {count, next cursor or "", connection, entry JSON, ...}}; the next
   * cursor is the last index member read, set when members follow it.
   */
  static final RedisScript PAGE =
      new RedisScript(
          COMMON
              + """
      local limit, cap = tonumber(ARGV[2]), tonumber(ARGV[3])
      local out = {live(), ''}
      local min, last, scanned, found = '-', nil, 0, 0
      if ARGV[1] ~= '' then min = '(' .. ARGV[1] end
      while found < limit and scanned < cap do
        local want = math.min(limit - found, cap - scanned)
        local ids = redis.call('ZRANGEBYLEX', KEYS[3], min, '+', 'LIMIT', 0, want)
        scanned = scanned + #ids
        local conns, keep = {}, {}
        for _, id in ipairs(ids) do
          local c = string.sub(id, string.find(id, ':', 1, true) + 1)
          local exp = redis.call('ZSCORE', KEYS[2], c)
          if exp and tonumber(exp) > now then
            table.insert(conns, c)
            table.insert(keep, id)
          end
        end
        if #conns > 0 then
          local entries = redis.call('HMGET', KEYS[1], unpack(conns))
          for i, c in ipairs(conns) do
            local e = entries[i]
            if e and cursor(c, e) == keep[i] then
              table.insert(out, c)
              table.insert(out, e)
              found = found + 1
            end
          end
        end
        if #ids < want then return out end
        last = ids[#ids]
        min = '(' .. last
      end
      if last and #redis.call('ZRANGEBYLEX', KEYS[3], min, '+', 'LIMIT', 0, 1) > 0 then
        out[2] = last
      end
      return out
      """);

  /**
   * Refreshes one node's entries and sweeps expired ones. ARGV: TTL ms, most entries to sweep, then
   * triples connection, entry JSON, cursor: each gets a new expiry, is written back if Redis lost
   * it (entry and index member). Returns the swept {@code connection, entry JSON, ...}, at most the
   * sweep limit: each is removed here, so exactly one caller ever sees it.
   */
  static final RedisScript REFRESH =
      new RedisScript(
          COMMON
              + """
      local ttl = tonumber(ARGV[1])
      for i = 3, #ARGV, 3 do
        local c, e = ARGV[i], ARGV[i + 1]
        local cur = redis.call('HGET', KEYS[1], c)
        if not cur then
          redis.call('HSET', KEYS[1], c, e)
          cur = e
        end
        if cur == e then redis.call('ZADD', KEYS[3], 0, ARGV[i + 2]) end
        redis.call('ZADD', KEYS[2], now + ttl, c)
      end
      if #ARGV > 2 then touch(ttl) end
      local swept = {}
      for _, c in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, ARGV[2])) do
        local e = redis.call('HGET', KEYS[1], c)
        if e then
          table.insert(swept, c)
          table.insert(swept, e)
          redis.call('HDEL', KEYS[1], c)
          redis.call('ZREM', KEYS[3], cursor(c, e))
        end
        redis.call('ZREM', KEYS[2], c)
      end
      return swept
      """);

  /** Every script by name, for the test that checks what they call. */
  static Map<String, RedisScript> all() {
    return Map.of("ADD", ADD, "REMOVE", REMOVE, "COUNT", COUNT, "PAGE", PAGE, "REFRESH", REFRESH);
  }
}
