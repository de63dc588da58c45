package io.switchboard.workers;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.switchboard.core.broker.Broker;
import io.switchboard.engine.rabbitmq.RabbitEngine;
import io.switchboard.engine.rabbitmq.RabbitEngineOptions;
import io.switchboard.workers.examples.ExampleWorks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link WorkersContract} on the real RabbitMQ at 127.0.0.1:5672 (guest/guest): fails, never skips,
 * when it is down. Every exchange and queue the test declared (names start with its unique prefix)
 * is deleted afterwards.
 */
class WorkersRabbitIT extends WorkersContract {
  private RabbitEngine engine;

  @Override
  protected Broker connect() throws Exception {
    engine =
        get(
            RabbitEngine.connect(
                vertx,
                RabbitEngineOptions.defaults()
                    .withConnectionName("switchboard-workers-" + prefix)
                    .withRedelivery(Duration.ofMillis(10), Duration.ofMillis(100))));
    return engine.broker();
  }

  @Override
  protected void disconnect() throws Exception {
    try {
      if (engine != null) {
        get(engine.close());
      }
    } finally {
      deleteDeclared();
    }
  }

  /** Deletes the queues (with their .dlq and .dlx) and the exchange of this test. */
  private void deleteDeclared() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(RabbitEngineOptions.DEFAULT_URI);
    List<String> queues = new ArrayList<>();
    ExampleWorks.STEP_TYPES.forEach(t -> queues.add(queuePrefix + t));
    queues.add(prefix + ".completions");
    try (Connection c = factory.newConnection("switchboard-workers-cleanup-" + prefix);
        Channel ch = c.createChannel()) {
      for (String q : queues) {
        ch.queueDelete(q);
        ch.queueDelete(q + ".dlq");
        ch.exchangeDelete(q + ".dlx");
      }
      ch.exchangeDelete(exchange);
    }
  }
}
