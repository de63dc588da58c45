package io.switchboard.engine.redis;

import io.switchboard.core.Engine;
import io.switchboard.tck.RoomHistoryContract;
import org.junit.jupiter.api.AfterAll;

/** Runs {@link RoomHistoryContract} on the Redis engine against the local Redis (issue 3 point 4). */
class RedisRoomHistoryIT extends RoomHistoryContract {
  private static final String PREFIX = RedisTestSupport.prefix();

  @AfterAll
  static void deleteKeys() {
    RedisTestSupport.deleteKeys(PREFIX);
  }

  @Override
  protected Engine newEngine() {
    return RedisTestSupport.newEngine(RedisTestSupport.options(PREFIX));
  }
}
