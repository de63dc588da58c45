package io.switchboard.tck.memory;

import io.switchboard.core.Engine;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.tck.PresenceStoreContract;

/** Runs {@link PresenceStoreContract} on the memory engine. */
class MemoryPresenceStoreTest extends PresenceStoreContract {
  @Override
  protected Engine newEngine() {
    return MemoryEngine.create();
  }
}
