package io.switchboard.tck.memory;

import io.switchboard.core.memory.MemoryPubSub;
import io.switchboard.core.pubsub.PubSub;
import io.switchboard.tck.PubSubContract;

/** Runs {@link PubSubContract} on the memory implementation. */
class MemoryPubSubTest extends PubSubContract {
  @Override
  protected PubSub newPubSub() {
    return new MemoryPubSub();
  }
}
