package io.switchboard.workflows.flow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflow counters on the node's {@code /metrics} (SPEC C3; issue 9; docs/workflows.md
 * "Metrics"), counted once per committed transition:
 *
 * <ul>
 *   <li>{@code switchboard_workflows_total{outcome="started|completed|failed|cancelled"}}
 *   <li>{@code switchboard_workflow_steps_total{outcome="completed|retried|failed|duplicate"}}
 *       (step transitions; {@code duplicate}: a completion recognised as a duplicate)
 *   <li>{@code switchboard_workflow_dispatches_total} (step attempts dispatched)
 *   <li>{@code switchboard_workflow_timers_total{kind="timeout|retry|stale"}} (timers fired)
 *   <li>{@code switchboard_workflow_completions_dropped_total{reason}} (worker messages on the
 *       completions queue that were dropped: {@code malformed}, or the refusal's code)
 *   <li>{@code switchboard_workflow_conflicts_total} (transitions decided again after a conflict)
 * </ul>
 */
public final class WorkflowMetrics {
  static final String STARTED = "workflows:started";
  static final String COMPLETED = "workflows:completed";
  static final String FAILED = "workflows:failed";
  static final String CANCELLED = "workflows:cancelled";
  static final String STEP_COMPLETED = "steps:completed";
  static final String STEP_RETRIED = "steps:retried";
  static final String STEP_FAILED = "steps:failed";
  static final String DUPLICATE = "steps:duplicate";
  static final String DISPATCH = "dispatches:";
  static final String TIMEOUT_FIRED = "timers:timeout";
  static final String RETRY_FIRED = "timers:retry";
  static final String STALE_TIMER = "timers:stale";

  private static final Map<String, String> NAMES =
      Map.of(
          "workflows", "switchboard_workflows",
          "steps", "switchboard_workflow_steps",
          "dispatches", "switchboard_workflow_dispatches",
          "timers", "switchboard_workflow_timers");

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Counter conflicts;

  /**
   * @param registry the node's registry
   */
  public WorkflowMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.conflicts =
        Counter.builder("switchboard_workflow_conflicts")
            .description("workflow transitions decided again after a store conflict")
            .register(registry);
    for (String c :
        new String[] {
          STARTED,
          COMPLETED,
          FAILED,
          CANCELLED,
          STEP_COMPLETED,
          STEP_RETRIED,
          STEP_FAILED,
          DUPLICATE,
          DISPATCH,
          TIMEOUT_FIRED,
          RETRY_FIRED,
          STALE_TIMER
        }) {
      counter(c);
    }
  }

  /** Counts one of the {@code group:tag} names above. */
  void count(String name) {
    counter(name).increment();
  }

  /** A transition retried after a conflict. */
  void conflict() {
    conflicts.increment();
  }

  /**
   * A worker's completion message dropped.
   *
   * @param reason {@code malformed} or the refusal's code
   */
  public void dropped(String reason) {
    counters
        .computeIfAbsent(
            "dropped:" + reason,
            k ->
                Counter.builder("switchboard_workflow_completions_dropped")
                    .description("worker completion messages dropped, by reason")
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  private Counter counter(String name) {
    return counters.computeIfAbsent(
        name,
        k -> {
          int colon = k.indexOf(':');
          String group = k.substring(0, colon);
          String tag = k.substring(colon + 1);
          Counter.Builder b =
              Counter.builder(NAMES.get(group)).description("workflow " + group + " (SPEC C3)");
          if (!tag.isEmpty()) {
            b.tag(group.equals("timers") ? "kind" : "outcome", tag);
          }
          return b.register(registry);
        });
  }
}
