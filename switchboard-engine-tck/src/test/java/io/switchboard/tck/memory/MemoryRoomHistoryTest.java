package io.switchboard.tck.memory;

import io.switchboard.core.Engine;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.tck.RoomHistoryContract;

/** Runs {@link RoomHistoryContract} on the memory engine. */
class MemoryRoomHistoryTest extends RoomHistoryContract {
  @Override
  protected Engine newEngine() {
    return MemoryEngine.create();
  }
}
