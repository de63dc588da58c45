package io.switchboard.tck.memory;

import io.switchboard.core.lock.Locks;
import io.switchboard.core.memory.MemoryLocks;
import io.switchboard.tck.LocksContract;

/** Runs {@link LocksContract} on the memory implementation. */
class MemoryLocksTest extends LocksContract {
  @Override
  protected Locks newLocks() {
    return new MemoryLocks();
  }
}
