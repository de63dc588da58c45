package io.switchboard.tck.memory;

import io.switchboard.core.memory.MemoryPubSub;
import io.switchboard.core.memory.MemoryRoomHistory;
import io.switchboard.tck.RoomHistoryContract;

/**
 * Runs {@link RoomHistoryContract} on the memory implementation, fanning out through memory
 * pub/sub.
 */
class MemoryRoomHistoryTest extends RoomHistoryContract {
  @Override
  protected Fanning newRoomHistory() {
    MemoryPubSub pubSub = new MemoryPubSub();
    return new Fanning(new MemoryRoomHistory(pubSub), pubSub);
  }
}
