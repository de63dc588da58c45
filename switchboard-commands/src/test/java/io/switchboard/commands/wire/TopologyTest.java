package io.switchboard.commands.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Command sharding and routing keys (issue 8 point 3). */
class TopologyTest {
  @Test
  void aStreamAlwaysMapsToOneShardAndStreamsSpreadOverAll() {
    Topology t = new Topology(16);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String stream = "board-" + UUID.randomUUID();
      int k = t.shard(stream);
      assertThat(k).isBetween(0, 15).isEqualTo(t.shard(stream));
      seen.add(k);
    }
    assertThat(seen).hasSize(16);
    assertThat(t.commandKey("card.add", "board-1")).isEqualTo("card.add." + t.shard("board-1"));
    assertThat(t.queue(3)).isEqualTo("switchboard.commands.3");
    assertThat(new Topology("t1.commands", "t1.events", 2).queue(1)).isEqualTo("t1.commands.1");
    assertThat(Topology.eventKey("board-1-2", "card.added")).isEqualTo("board.card.added");
  }
}
