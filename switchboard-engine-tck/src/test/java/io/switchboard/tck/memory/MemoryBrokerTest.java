package io.switchboard.tck.memory;

import io.switchboard.core.Engine;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.tck.BrokerContract;

/** Runs {@link BrokerContract} on the memory engine. */
class MemoryBrokerTest extends BrokerContract {
  @Override
  protected Engine newEngine() {
    return MemoryEngine.create();
  }
}
