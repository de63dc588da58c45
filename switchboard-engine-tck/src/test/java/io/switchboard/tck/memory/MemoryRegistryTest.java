package io.switchboard.tck.memory;

import io.switchboard.core.memory.MemoryRegistry;
import io.switchboard.core.registry.Registry;
import io.switchboard.tck.RegistryContract;

/** Runs {@link RegistryContract} on the memory implementation. */
class MemoryRegistryTest extends RegistryContract {
  @Override
  protected Registry newRegistry() {
    return new MemoryRegistry();
  }
}
