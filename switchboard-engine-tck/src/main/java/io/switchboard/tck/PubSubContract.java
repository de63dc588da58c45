package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.pubsub.PubSub;
import io.switchboard.core.room.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link PubSub} (see its Javadoc): exact channels, reference-counted subscriptions,
 * per-channel order, delivery to the publishing node, every {@link BusMessage} kind intact.
 * "Nothing arrives" is checked with a marker published afterwards on a subscribed channel.
 */
public abstract class PubSubContract extends PortContract {
  /**
   * A fresh, ready pub/sub for one test, asked for before each test ({@code @BeforeEach}) on the
   * test thread; may block until connected. Register what closes it with {@link #closeAfterTest}.
   *
   * @return the port under test
   */
  protected abstract PubSub newPubSub();

  private final List<Map.Entry<String, BusMessage>> received = new CopyOnWriteArrayList<>();
  private PubSub pubSub;

  @BeforeEach
  void listen() {
    pubSub = newPubSub();
    pubSub.listen((channel, message) -> received.add(Map.entry(channel, message)));
  }

  @Test
  void deliversToTheSubscribedPublishingNodeInOrder() {
    String channel = unique("chat:");
    await(pubSub.subscribe(channel));
    for (int i = 0; i < 100; i++) {
      await(pubSub.publish(channel, note("u", i)));
    }
    Awaitility.await().atMost(PATIENCE).until(() -> on(channel).size() == 100);
    List<BusMessage> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(note("u", i));
    }
    assertThat(on(channel)).containsExactlyElementsOf(expected);
  }

  @Test
  void carriesEveryMessageKindIntact() {
    String channel = unique("board:");
    await(pubSub.subscribe(channel));
    Publication pub = new Publication(channel, 7, "board.update", "{\"a\":[1,\"é\"]}", null, 42L);
    PresenceEntry entry = new PresenceEntry("c1", null, "node-1", 5L);
    List<BusMessage> all =
        List.of(
            new BusMessage.PublicationMessage(pub, "e1"),
            new BusMessage.PresenceChange(channel, BusMessage.Action.JOIN, entry),
            new BusMessage.PresenceChange(channel, BusMessage.Action.LEAVE, entry),
            new BusMessage.PresenceCount(channel, 1001),
            new BusMessage.Notification("u1", "order.paid", "null"),
            new BusMessage.Disconnect("u1", "banned"));
    for (BusMessage m : all) {
      await(pubSub.publish(channel, m));
    }
    Awaitility.await().atMost(PATIENCE).until(() -> on(channel).size() == all.size());
    assertThat(on(channel)).containsExactlyElementsOf(all);
  }

  @Test
  void doesNotDeliverChannelsThatAreNotSubscribed() {
    String other = unique("chat:");
    String marker = unique("chat:");
    await(pubSub.subscribe(marker));
    await(pubSub.publish(other, note("x", 1)));
    await(pubSub.publish(marker, note("m", 1)));
    Awaitility.await().atMost(PATIENCE).until(() -> on(marker).size() == 1);
    assertThat(on(other)).isEmpty();
  }

  @Test
  void subscriptionsAreReferenceCounted() {
    String channel = unique("chat:");
    String marker = unique("chat:");
    await(pubSub.subscribe(marker));
    await(pubSub.subscribe(channel));
    await(pubSub.subscribe(channel));
    await(pubSub.unsubscribe(channel));
    await(pubSub.publish(channel, note("u", 1)));
    Awaitility.await().atMost(PATIENCE).until(() -> on(channel).size() == 1);

    await(pubSub.unsubscribe(channel));
    await(pubSub.publish(channel, note("u", 2)));
    await(pubSub.publish(marker, note("m", 1)));
    Awaitility.await().atMost(PATIENCE).until(() -> on(marker).size() == 1);
    assertThat(on(channel)).containsExactly(note("u", 1));
  }

  @Test
  void unsubscribingWithoutAReferenceIsANoOp() {
    String channel = unique("chat:");
    await(pubSub.unsubscribe(channel));
    await(pubSub.subscribe(channel));
    await(pubSub.publish(channel, note("u", 1)));
    Awaitility.await().atMost(PATIENCE).until(() -> on(channel).size() == 1);
  }

  @Test
  void resubscribingAfterTheLastUnsubscribeDeliversAgain() {
    String channel = unique("chat:");
    await(pubSub.subscribe(channel));
    await(pubSub.unsubscribe(channel));
    await(pubSub.subscribe(channel));
    await(pubSub.publish(channel, note("u", 1)));
    Awaitility.await().atMost(PATIENCE).until(() -> on(channel).size() == 1);
  }

  @Test
  void aCountedPublishTellsWhetherTheNodeIsSubscribed() {
    String channel = unique("relay.");
    String marker = unique("chat:");
    await(pubSub.subscribe(marker));
    assertThat(await(pubSub.publishCounted(channel, note("u", 1)))).isZero();
    await(pubSub.subscribe(channel));
    assertThat(await(pubSub.publishCounted(channel, note("u", 2)))).isEqualTo(1L);
    await(pubSub.unsubscribe(channel));
    assertThat(await(pubSub.publishCounted(channel, note("u", 3)))).isZero();
    await(pubSub.publish(marker, note("m", 1)));
    Awaitility.await().atMost(PATIENCE).until(() -> on(marker).size() == 1);
    assertThat(on(channel)).containsExactly(note("u", 2));
  }

  private List<BusMessage> on(String channel) {
    return received.stream()
        .filter(e -> e.getKey().equals(channel))
        .map(Map.Entry::getValue)
        .toList();
  }

  private static BusMessage note(String user, int i) {
    return new BusMessage.Notification(user, "n", Integer.toString(i));
  }
}
