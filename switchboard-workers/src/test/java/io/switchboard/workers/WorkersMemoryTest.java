package io.switchboard.workers;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerLimits;
import io.switchboard.core.memory.MemoryBroker;
import java.time.Duration;

/** {@link WorkersContract} on the memory broker (the embedded node's, issue 9 point 7). */
class WorkersMemoryTest extends WorkersContract {
  @Override
  protected Broker connect() {
    return new MemoryBroker(
        1000, BrokerLimits.DEFAULT_MAX_BODY_BYTES, Duration.ofMillis(10), Duration.ofMillis(100));
  }

  @Override
  protected void disconnect() {}
}
