package io.switchboard.engine.redis;

import io.switchboard.core.Engine;
import io.switchboard.tck.LocksContract;
import io.switchboard.tck.PresenceStoreContract;
import io.switchboard.tck.PubSubContract;
import io.switchboard.tck.RoomHistoryContract;
import io.switchboard.tck.SnapshotStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * Runs every engine contract suite that the Redis engine implements against the local Redis
 * (issue 3 point 4), the same suites the memory engine passes. One key prefix per run, deleted
 * at the end.
 */
class RedisContractsIT {
  private static final String PREFIX = RedisTestSupport.prefix();

  @AfterAll
  static void deleteKeys() {
    RedisTestSupport.deleteKeys(PREFIX);
  }

  static Engine newRedisEngine() {
    return RedisTestSupport.newEngine(RedisTestSupport.options(PREFIX));
  }

  @Nested
  class Locks extends LocksContract {
    @Override
    protected Engine newEngine() {
      return newRedisEngine();
    }
  }

  @Nested
  class Presence extends PresenceStoreContract {
    @Override
    protected Engine newEngine() {
      return newRedisEngine();
    }
  }

  @Nested
  class PubSub extends PubSubContract {
    @Override
    protected Engine newEngine() {
      return newRedisEngine();
    }
  }

  @Nested
  class RoomHistory extends RoomHistoryContract {
    @Override
    protected Engine newEngine() {
      return newRedisEngine();
    }
  }

  @Nested
  class Snapshots extends SnapshotStoreContract {
    @Override
    protected Engine newEngine() {
      return newRedisEngine();
    }
  }
}
