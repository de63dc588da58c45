package io.switchboard.workflows;

import static io.switchboard.workflows.testing.WorkflowsNode.bodies;
import static io.switchboard.workflows.testing.WorkflowsNode.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.engine.rabbitmq.RabbitEngine;
import io.switchboard.engine.rabbitmq.RabbitEngineOptions;
import io.switchboard.server.config.WorkflowsConfig;
import io.switchboard.server.testing.TestNode;
import io.switchboard.workflows.testing.WorkflowsNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workers reporting over real RabbitMQ (SPEC C3: "workers can also report completion by publishing
 * to {@code step.completed}"; issue 9 points 2 and 8): a worker consumes {@code step.<type>} from
 * the durable topic exchange and publishes its completion to {@code step.completed}; the workflow
 * runs to its end, every step dispatched once, the gateway's own {@code step.completed} messages
 * are skipped, and malformed messages are dropped and counted. Needs RabbitMQ on 127.0.0.1:5672
 * (fails otherwise); the exchange and queues are unique to the test and deleted after it.
 */
class RabbitCompletionsIT {

  @Test
  void workersCompleteAWorkflowOverRabbitMq() throws Exception {
    WorkflowsConfig config = WorkflowsNode.fast();
    String exchange = config.exchange();
    Vertx vertx = Vertx.vertx();
    RabbitEngine engine =
        TestNode.await(
            RabbitEngine.connect(
                vertx, RabbitEngineOptions.defaults().withConnectionName("wf-test-" + exchange)));
    try (StorePorts store = StorePorts.of("memory")) {
      var ports = store.with(engine.broker());
      try (WorkflowsNode node = WorkflowsNode.start(ports, config)) {
        List<BrokerMessage> seen = WorkflowsNode.record(ports, exchange);
        String workers = exchange + ".workers";
        for (String step : new String[] {"image_processing", "ai_enhancement", "seo_generation"}) {
          TestNode.await(engine.broker().bind(workers, exchange, "step." + step));
        }
        TestNode.await(
            engine
                .broker()
                .consume(
                    workers,
                    m -> {
                      JsonObject dispatched =
                          new JsonObject(new String(m.body(), StandardCharsets.UTF_8));
                      JsonObject done =
                          new JsonObject()
                              .put("workflow_id", dispatched.getString("workflow_id"))
                              .put("step_id", dispatched.getString("step_id"))
                              .put("step_type", dispatched.getString("step_type"))
                              .put("success", true)
                              .put("result", new JsonObject().put("by", "worker"));
                      return engine
                          .broker()
                          .publish(List.of(message(exchange, done.encode())))
                          .mapEmpty();
                    }));
        TestNode.await(
            engine
                .broker()
                .publish(
                    List.of(
                        message(exchange, "{\"hello\":1}"), message(exchange, "not json at all"))));

        String id = node.upload("ann", product("TV"));
        JsonObject wf = node.awaitStatus("ann", id, "completed");
        assertThat(
                wf.getJsonArray("steps").getJsonObject(2).getJsonObject("result").getString("by"))
            .isEqualTo("worker");
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> bodies(seen, "workflow.completed").size() == 1);
        assertThat(bodies(seen, "step.image_processing")).hasSize(1);
        assertThat(bodies(seen, "step.ai_enhancement")).hasSize(1);
        assertThat(bodies(seen, "step.seo_generation")).hasSize(1);
        assertThat(
                node.metric("switchboard_workflow_completions_dropped_total{reason=\"malformed\"}"))
            .isEqualTo(2.0);
      }
    } finally {
      try {
        TestNode.await(engine.close());
      } finally {
        deleteTopology(exchange);
        TestNode.await(vertx.close());
      }
    }
  }

  /** Deletes the test's exchange and queues (each with its .dlq and .dlx). */
  private static void deleteTopology(String exchange) throws Exception {
    com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
    f.setUri(RabbitEngineOptions.DEFAULT_URI);
    try (com.rabbitmq.client.Connection c = f.newConnection("wf-test-cleanup");
        com.rabbitmq.client.Channel ch = c.createChannel()) {
      for (String q :
          new String[] {
            exchange + ".completions", exchange + ".test-recorder", exchange + ".workers"
          }) {
        ch.queueDelete(q);
        ch.queueDelete(q + ".dlq");
        ch.exchangeDelete(q + ".dlx");
      }
      ch.exchangeDelete(exchange);
    }
  }

  private static BrokerMessage message(String exchange, String body) {
    return new BrokerMessage(
        exchange, "step.completed", Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }
}
