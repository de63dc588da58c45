package io.switchboard.workflows.consumer;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.workflows.flow.Completion;
import io.switchboard.workflows.flow.Transitions;
import io.switchboard.workflows.flow.WorkflowMetrics;
import io.switchboard.workflows.wire.Topology;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the durable queue {@code <exchange>.completions}, bound to {@code step.completed} (SPEC
 * C3; docs/workflows.md "Completions over the broker"). A worker's message body is the HTTP
 * completion {@code {workflow_id, step_id, step_type, success, result?, error_msg?, attempt?}};
 * fields missing at the top level are also looked for in a {@code payload} object, so a message in
 * the seed's envelope {@code {type, workflow_id, step_id, step_type, payload: {success, result,
 * error_msg}}} works too. The gateway's own {@code step.completed} messages (header {@value
 * Topology#ORIGIN_HEADER}) are skipped. A message that is not such a completion, or that the rules
 * refuse (404, 409), is acknowledged and dropped, counted in {@code
 * switchboard_workflow_completions_dropped_total{reason}}; only a store failure leaves it to be
 * redelivered, so nothing is retried forever for being malformed.
 */
public final class CompletionConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionConsumer.class);
  private static final String[] FIELDS = {
    "workflow_id", "step_id", "step_type", "success", "result", "error_msg", "attempt"
  };

  private final Broker broker;
  private final Topology topology;
  private final Transitions transitions;
  private final WorkflowMetrics metrics;
  private volatile Runnable cancel;

  /**
   * @param broker the broker port
   * @param topology the exchange and queue
   * @param transitions applies a completion
   * @param metrics counts dropped messages
   */
  public CompletionConsumer(
      Broker broker, Topology topology, Transitions transitions, WorkflowMetrics metrics) {
    this.broker = broker;
    this.topology = topology;
    this.transitions = transitions;
    this.metrics = metrics;
  }

  /**
   * Declares and binds the queue, then consumes it.
   *
   * @return completes when consuming; failed while the broker is unreachable
   */
  public Future<Void> start() {
    String queue = topology.completionsQueue();
    return broker
        .bind(queue, topology.exchange(), Topology.STEP_COMPLETED)
        .compose(v -> broker.consume(queue, this::handle))
        .onSuccess(c -> cancel = c)
        .mapEmpty();
  }

  /** Stops consuming (an unacknowledged message goes back to the queue). */
  public void stop() {
    Runnable c = cancel;
    if (c != null) {
      c.run();
    }
  }

  /** One message: acknowledged unless the store failed. */
  Future<Void> handle(BrokerMessage m) {
    if (Topology.ORIGIN.equals(m.headers().get(Topology.ORIGIN_HEADER))) {
      return Future.succeededFuture();
    }
    Completion completion;
    try {
      completion = Completion.parse(body(m));
    } catch (RuntimeException e) { // BadRequestException, or not a JSON object
      metrics.dropped("malformed");
      LOG.debug("completion message {} dropped: {}", m.messageId(), e.getMessage());
      return Future.succeededFuture();
    }
    return transitions
        .complete(completion)
        .map(
            outcome -> {
              if (!outcome.succeeded()) {
                metrics.dropped(outcome.code());
                LOG.debug(
                    "completion of {} dropped: {}", completion.workflowId(), outcome.message());
              }
              return null;
            });
  }

  /** The completion's fields: top level first, then {@code payload}. */
  private static JsonObject body(BrokerMessage m) {
    JsonObject json = new JsonObject(new String(m.body(), StandardCharsets.UTF_8));
    Object payload = json.getValue("payload");
    if (payload instanceof JsonObject p) {
      for (String f : FIELDS) {
        if (!json.containsKey(f) && p.containsKey(f)) {
          json.put(f, p.getValue(f));
        }
      }
    }
    return json;
  }
}
