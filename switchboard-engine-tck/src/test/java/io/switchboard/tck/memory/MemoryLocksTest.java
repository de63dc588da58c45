package io.switchboard.tck.memory;

import io.switchboard.core.Engine;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.tck.LocksContract;

/** Runs {@link LocksContract} on the memory engine. */
class MemoryLocksTest extends LocksContract {
  @Override
  protected Engine newEngine() {
    return MemoryEngine.create();
  }
}
