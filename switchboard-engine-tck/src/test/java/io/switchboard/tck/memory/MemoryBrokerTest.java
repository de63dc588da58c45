package io.switchboard.tck.memory;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.tck.BrokerContract;

/** Runs {@link BrokerContract} on the memory implementation. */
class MemoryBrokerTest extends BrokerContract {
  @Override
  protected Broker newBroker() {
    return new MemoryBroker();
  }
}
