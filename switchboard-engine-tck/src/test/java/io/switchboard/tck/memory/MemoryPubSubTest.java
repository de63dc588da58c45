package io.switchboard.tck.memory;

import io.switchboard.core.Engine;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.tck.PubSubContract;

/** Runs {@link PubSubContract} on the memory engine. */
class MemoryPubSubTest extends PubSubContract {
  @Override
  protected Engine newEngine() {
    return MemoryEngine.create();
  }
}
