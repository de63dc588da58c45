package io.switchboard.engine.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.EventBuffer;
import io.switchboard.core.broker.Rejected;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 part 2, point 1, on the real RabbitMQ: a message RabbitMQ can never take (a routing key
 * or header name over 255 UTF-8 bytes) does not wedge the event buffer (SPEC C1 "Event buffer"); it
 * is dropped, and what was offered after it still arrives, in order. The same holds when only the
 * amqp-client itself notices (the {@code BrokerLimits} check bypassed).
 */
class RabbitEventBufferIT extends RabbitTestBase {
  private final String exchange = "sb.test.deadletter." + suffix;
  private final String queue = "q.deadletter." + suffix;

  @Test
  void unpublishableMessagesAreDroppedAndTheRestArriveInOrder() throws Exception {
    get(broker.bind(queue, exchange, "#"));
    List<String> received = new CopyOnWriteArrayList<>();
    get(
        broker.consume(
            queue,
            m -> {
              received.add(new String(m.body(), StandardCharsets.UTF_8));
              return Future.succeededFuture();
            }));
    EventBuffer buffer =
        new EventBuffer(
            vertx,
            broker,
            Duration.ofMillis(20),
            10,
            1000,
            Duration.ofMillis(20),
            Duration.ofMillis(200));
    try {
      buffer.offer(message("k.1", Map.of(), "1"));
      buffer.offer(message("k." + "x".repeat(254), Map.of(), "long-key"));
      buffer.offer(message("k.2", Map.of(), "2"));
      buffer.offer(message("k.3", Map.of("h".repeat(256), "v"), "long-header-name"));
      buffer.offer(message("k.4", Map.of(), "4"));
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("4"));
      assertThat(received).containsExactly("1", "2", "4");
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> buffer.pending() == 0);
    } finally {
      buffer.close();
    }
  }

  @Test
  void aMessageTheAmqpClientRefusesIsReportedAndTheRestArriveInOrder() throws Exception {
    get(broker.bind(queue, exchange, "#"));
    BrokerMessage longKey = message("k." + "x".repeat(254), Map.of(), "long-key");
    List<Rejected> rejected =
        get(
            broker.publish(
                List.of(message("k.1", Map.of(), "1"), longKey, message("k.2", Map.of(), "2")),
                false));
    assertThat(rejected).extracting(Rejected::message).containsExactly(longKey);
    assertThat(rejected.get(0).reason()).contains("refused by the AMQP client", "255");
    assertThat(get(broker.publish(List.of(message("k.3", Map.of(), "3")))))
        .as("the publish channel works after the refusal")
        .isEmpty();
    List<String> received = new CopyOnWriteArrayList<>();
    get(
        broker.consume(
            queue,
            m -> {
              received.add(new String(m.body(), StandardCharsets.UTF_8));
              return Future.succeededFuture();
            }));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("3"));
    assertThat(received.stream().distinct().toList())
        .as("first arrivals (a resend may duplicate 1)")
        .containsExactly("1", "2", "3");
  }

  private BrokerMessage message(String key, Map<String, String> headers, String body) {
    return new BrokerMessage(exchange, key, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
