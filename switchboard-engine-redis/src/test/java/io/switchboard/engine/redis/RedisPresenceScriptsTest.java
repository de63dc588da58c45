package io.switchboard.engine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: no presence operation may read a whole room. Redis offers no per-client, per-script cost
 * that is reliable on a shared server (SLOWLOG, INFO commandstats and OBJECT see everybody's
 * traffic), so this checks the Lua sources instead: no call reads a whole key, and every range read
 * carries a {@code LIMIT}. {@code RedisEngineIT} checks the same paging on a 10,000-member room end
 * to end.
 */
class RedisPresenceScriptsTest {
  private static final Set<String> WHOLE_KEY =
      Set.of(
          "HGETALL",
          "HVALS",
          "HKEYS",
          "SMEMBERS",
          "LRANGE",
          "SORT",
          "KEYS",
          "SCAN",
          "HSCAN",
          "ZSCAN",
          "SSCAN");
  private static final Set<String> RANGES =
      Set.of(
          "ZRANGE",
          "ZREVRANGE",
          "ZRANGEBYSCORE",
          "ZREVRANGEBYSCORE",
          "ZRANGEBYLEX",
          "ZREVRANGEBYLEX",
          "ZRANGESTORE",
          "ZUNION",
          "ZINTER",
          "ZDIFF",
          "ZUNIONSTORE",
          "ZINTERSTORE",
          "ZDIFFSTORE",
          "ZREMRANGEBYSCORE",
          "ZREMRANGEBYLEX",
          "ZREMRANGEBYRANK");
  private static final Pattern CALL = Pattern.compile("redis\\.p?call\\(\\s*'([A-Za-z]+)'");

  @Test
  void noPresenceScriptReadsAWholeRoom() {
    Map<String, RedisScript> scripts = RedisPresenceScripts.all();
    assertThat(scripts).isNotEmpty();
    List<String> offending = new ArrayList<>();
    scripts.forEach((name, script) -> offending.addAll(unbounded(name, script.source())));
    assertThat(offending).isEmpty();
  }

  @Test
  void theCheckCatchesWholeKeyReadsAndRangesWithoutLimit() {
    assertThat(unbounded("x", "local a = redis.call('HGETALL', KEYS[1])")).hasSize(1);
    assertThat(unbounded("x", "redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)")).hasSize(1);
    assertThat(unbounded("x", "redis.call('ZRANGEBYLEX', KEYS[3], min, '+', 'LIMIT', 0, k)"))
        .isEmpty();
    assertThat(unbounded("x", "redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')")).isEmpty();
  }

  /** The calls in {@code source} that read a whole key or a range without {@code LIMIT}. */
  private static List<String> unbounded(String name, String source) {
    List<String> out = new ArrayList<>();
    Matcher m = CALL.matcher(source);
    while (m.find()) {
      String command = m.group(1).toUpperCase(Locale.ROOT);
      String call = source.substring(m.start(), closing(source, m.start() + "redis.call".length()));
      boolean limited = call.toUpperCase(Locale.ROOT).contains("'LIMIT'");
      if (WHOLE_KEY.contains(command) || RANGES.contains(command) && !limited) {
        out.add(name + ": " + call);
      }
    }
    return out;
  }

  /** The index just past the parenthesis that closes the one at {@code open}. */
  private static int closing(String source, int open) {
    int depth = 0;
    for (int i = open; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return source.length();
  }
}
