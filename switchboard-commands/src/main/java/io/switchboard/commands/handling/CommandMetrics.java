package io.switchboard.commands.handling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The command handler's counters on the node's {@code /metrics} (issue 8): {@code
 * switchboard_commands_handled_total{outcome="applied|rejected"}} and {@code
 * switchboard_command_conflicts_total} (decisions retried after a version or document conflict).
 */
public final class CommandMetrics {
  private final Counter applied;
  private final Counter rejected;
  private final Counter conflicts;

  /**
   * @param registry the node's registry
   */
  public CommandMetrics(MeterRegistry registry) {
    applied =
        Counter.builder("switchboard_commands_handled")
            .description("commands handled, by outcome")
            .tag("outcome", "applied")
            .register(registry);
    rejected =
        Counter.builder("switchboard_commands_handled")
            .description("commands handled, by outcome")
            .tag("outcome", "rejected")
            .register(registry);
    conflicts =
        Counter.builder("switchboard_command_conflicts")
            .description("command decisions retried after a version or document conflict")
            .register(registry);
  }

  void handled(boolean wasApplied) {
    (wasApplied ? applied : rejected).increment();
  }

  void conflict() {
    conflicts.increment();
  }
}
