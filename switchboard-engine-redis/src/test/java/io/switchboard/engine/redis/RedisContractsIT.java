package io.switchboard.engine.redis;

import io.switchboard.tck.LocksContract;
import io.switchboard.tck.PortContract;
import io.switchboard.tck.PresenceStoreContract;
import io.switchboard.tck.PubSubContract;
import io.switchboard.tck.RateLimitsContract;
import io.switchboard.tck.RegistryContract;
import io.switchboard.tck.RoomHistoryContract;
import io.switchboard.tck.SnapshotStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * Runs every engine contract suite that the Redis engine implements against the local Redis (issue
 * 3 point 4), the same suites the memory engine passes. One key prefix per run, deleted at the end.
 */
class RedisContractsIT {
  private static final String PREFIX = RedisTestSupport.prefix();

  @AfterAll
  static void deleteKeys() {
    RedisTestSupport.deleteKeys(PREFIX);
  }

  /** A connected engine under this run's prefix, closed after the current test of {@code suite}. */
  static RedisEngine connect(PortContract suite) {
    RedisEngine engine = RedisTestSupport.newEngine(RedisTestSupport.options(PREFIX));
    suite.closeAfterTest(engine::close);
    return engine;
  }

  @Nested
  class Locks extends LocksContract {
    @Override
    protected io.switchboard.core.lock.Locks newLocks() {
      return connect(this).locks();
    }
  }

  @Nested
  class Registry extends RegistryContract {
    @Override
    protected io.switchboard.core.registry.Registry newRegistry() {
      return connect(this).registry();
    }
  }

  @Nested
  class RateLimits extends RateLimitsContract {
    @Override
    protected io.switchboard.core.limit.RateLimits newRateLimits() {
      return connect(this).rateLimits();
    }
  }

  @Nested
  class Presence extends PresenceStoreContract {
    @Override
    protected io.switchboard.core.presence.PresenceStore newPresenceStore() {
      return connect(this).presence();
    }
  }

  @Nested
  class PubSub extends PubSubContract {
    @Override
    protected io.switchboard.core.pubsub.PubSub newPubSub() {
      return connect(this).pubSub();
    }
  }

  @Nested
  class RoomHistory extends RoomHistoryContract {
    @Override
    protected Fanning newRoomHistory() {
      RedisEngine engine = connect(this);
      return new Fanning(engine.history(), engine.pubSub());
    }
  }

  @Nested
  class Snapshots extends SnapshotStoreContract {
    @Override
    protected io.switchboard.core.snapshot.SnapshotStore newSnapshotStore() {
      return connect(this).snapshots();
    }
  }
}
