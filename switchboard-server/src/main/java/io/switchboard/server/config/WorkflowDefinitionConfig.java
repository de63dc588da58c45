package io.switchboard.server.config;

import java.util.List;

/**
 * A workflow type (SPEC C3; issue 9 point 3): its steps, run one after the other in this order.
 *
 * @param steps one or more steps, each type once
 */
public record WorkflowDefinitionConfig(List<WorkflowStepConfig> steps) {
  /** No steps (a definition must list them). */
  public static final WorkflowDefinitionConfig DEFAULT = new WorkflowDefinitionConfig(List.of());

  /** Copies {@code steps} ({@code null}: none). */
  public WorkflowDefinitionConfig {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
