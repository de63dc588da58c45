package io.switchboard.tck.memory;

import io.switchboard.core.memory.MemoryStore;
import io.switchboard.core.store.Store;
import io.switchboard.tck.StoreContract;

/** Runs {@link StoreContract} on the memory implementation. */
class MemoryStoreTest extends StoreContract {
  @Override
  protected Store newStore() {
    return new MemoryStore();
  }
}
