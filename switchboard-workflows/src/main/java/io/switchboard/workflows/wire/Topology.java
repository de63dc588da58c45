package io.switchboard.workflows.wire;

/**
 * The broker names of workflows (SPEC C3; docs/workflows.md "Messages"): the durable topic exchange
 * {@code workflows.exchange} and the queue {@code <exchange>.completions} bound to {@code
 * step.completed}, where workers may report completions. Messages the gateway publishes carry the
 * header {@value #ORIGIN_HEADER}{@code =}{@value #ORIGIN}, so the completions consumer skips the
 * gateway's own {@code step.completed}.
 *
 * @param exchange the exchange, e.g. {@code workflow_exchange}
 */
public record Topology(String exchange) {
  /** The header that marks the gateway's own messages. */
  public static final String ORIGIN_HEADER = "x-switchboard-origin";

  /** Its value. */
  public static final String ORIGIN = "switchboard-workflows";

  /** The routing key of completions (the seed's). */
  public static final String STEP_COMPLETED = "step.completed";

  /** The queue workers' completions are consumed from. */
  public String completionsQueue() {
    return exchange + ".completions";
  }
}
