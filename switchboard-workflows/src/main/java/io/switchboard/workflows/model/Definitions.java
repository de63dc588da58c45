package io.switchboard.workflows.model;

import io.switchboard.server.config.WorkflowStepConfig;
import io.switchboard.server.config.WorkflowsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The workflow types of {@code workflows.definitions} with every step's policy resolved (SPEC C3;
 * issue 9 point 3). A workflow copies its steps' policies when it is created, so a changed
 * configuration affects new workflows only. Immutable.
 */
public final class Definitions {
  private final Map<String, List<StepPolicy>> types;
  private final String defaultType;
  private final Duration maxRetryDelay;

  /**
   * @param c the validated {@code workflows} configuration
   */
  public Definitions(WorkflowsConfig c) {
    this.types =
        c.definitions().entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey,
                    e -> e.getValue().steps().stream().map(s -> resolve(c, s)).toList()));
    this.defaultType = c.defaultType();
    this.maxRetryDelay = c.maxRetryDelay();
  }

  private static StepPolicy resolve(WorkflowsConfig c, WorkflowStepConfig s) {
    return new StepPolicy(
        s.type(),
        s.service(),
        s.timeout(),
        s.maxRetries() == null ? c.maxRetries() : s.maxRetries(),
        s.retryDelay() == null ? c.retryDelay() : s.retryDelay());
  }

  /** The steps of {@code type}, or {@code null} for an unknown type. */
  public List<StepPolicy> steps(String type) {
    return types.get(type);
  }

  /** The type of an upload that names none ({@code workflows.defaultType}). */
  public String defaultType() {
    return defaultType;
  }

  /** The defined type names. */
  public java.util.Set<String> names() {
    return types.keySet();
  }

  /**
   * The wait before attempt {@code attempt + 1} after attempt {@code attempt} failed: {@code
   * retryDelay × 2^(attempt-1)}, at most {@code workflows.maxRetryDelay}.
   *
   * @param retryDelayMillis the step's first retry delay, ms
   * @param attempt the attempt that failed, 1 or more
   * @return the delay in ms
   */
  public long backoffMillis(long retryDelayMillis, int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long cap = maxRetryDelay.toMillis();
    long d = retryDelayMillis;
    for (int i = 0; i < shift && d < cap; i++) {
      d *= 2;
    }
    return Math.min(d, cap);
  }
}
