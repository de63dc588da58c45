package io.switchboard.engine.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import io.switchboard.core.broker.BrokerMessage;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 part 2, point 2: a consumer whose channel RabbitMQ closes while the connection stays up
 * (as its {@code consumer_timeout} does to a message held unacked through a long outage) goes on
 * consuming instead of stopping silently. The close is provoked with an ack of an unknown delivery
 * tag (PRECONDITION_FAILED closes the channel).
 */
class RabbitConsumerChannelIT extends RabbitTestBase {
  private final String exchange = "sb.test.channel." + suffix;
  private final String queue = "q.channel." + suffix;

  @Test
  void aConsumerChannelClosedByRabbitMqIsReopened() throws Exception {
    get(broker.bind(queue, exchange, "#"));
    List<String> received = new CopyOnWriteArrayList<>();
    get(
        broker.consume(
            queue,
            m -> {
              received.add(m.routingKey());
              return Future.succeededFuture();
            }));
    publish("k.1");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("k.1"));
    Channel ch = broker.consumerChannels().get(0);
    ch.basicAck(999_999, false);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !ch.isOpen());
    publish("k.2");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("k.2"));
    assertThat(received).containsExactly("k.1", "k.2");
    assertThat(engine.ready().succeeded()).as("the connection stayed up").isTrue();
  }

  private void publish(String key) throws Exception {
    assertThat(
            get(
                broker.publish(
                    List.of(
                        new BrokerMessage(
                            exchange, key, Map.of(), key.getBytes(StandardCharsets.UTF_8))))))
        .isEmpty();
  }
}
