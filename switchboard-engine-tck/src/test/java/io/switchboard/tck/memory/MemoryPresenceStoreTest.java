package io.switchboard.tck.memory;

import io.switchboard.core.memory.MemoryPresenceStore;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.tck.PresenceStoreContract;

/** Runs {@link PresenceStoreContract} on the memory implementation. */
class MemoryPresenceStoreTest extends PresenceStoreContract {
  @Override
  protected PresenceStore newPresenceStore() {
    return new MemoryPresenceStore();
  }
}
