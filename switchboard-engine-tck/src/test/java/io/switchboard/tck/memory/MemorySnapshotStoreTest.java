package io.switchboard.tck.memory;

import io.switchboard.core.memory.MemorySnapshotStore;
import io.switchboard.core.snapshot.SnapshotStore;
import io.switchboard.tck.SnapshotStoreContract;

/** Runs {@link SnapshotStoreContract} on the memory implementation. */
class MemorySnapshotStoreTest extends SnapshotStoreContract {
  @Override
  protected SnapshotStore newSnapshotStore() {
    return new MemorySnapshotStore();
  }
}
