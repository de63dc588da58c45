package io.switchboard.tck.memory;

import io.switchboard.core.Engine;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.tck.SnapshotStoreContract;

/** Runs {@link SnapshotStoreContract} on the memory engine. */
class MemorySnapshotStoreTest extends SnapshotStoreContract {
  @Override
  protected Engine newEngine() {
    return MemoryEngine.create();
  }
}
