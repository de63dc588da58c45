package io.switchboard.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Workflow orchestration (SPEC C3; seed 002; issue 9), served by the {@code switchboard-workflows}
 * capability. The names {@code exchange}, {@code maxRetries} and {@code retryDelay} are the seed's
 * ({@code rabbitmq.exchange}, {@code max_retries}, {@code retry_delay}); here they are the default
 * retry policy of every step.
 *
 * @param enabled whether the node mounts {@code /api/v1/workflow/*} and runs workflows; default
 *     true
 * @param exchange the durable topic exchange of every workflow message ({@code workflow.start},
 *     {@code step.<type>}, {@code step.completed}, {@code workflow.completed}, {@code
 *     workflow.failed}, {@code workflow.cancelled}); default {@code workflow_exchange}. Workers'
 *     completions are read from the queue {@code <exchange>.completions}
 * @param maxRetries how often a failed or timed-out step is dispatched again before the workflow
 *     fails, 0 to 100, default 3; a step may set its own
 * @param retryDelay the wait before a step's first retry, doubled for each further one (capped by
 *     {@code maxRetryDelay}); positive, default 5 s
 * @param maxRetryDelay the longest wait between two attempts; positive, default 5 min
 * @param timerInterval how often a node looks for due timers (step timeouts, retries); positive,
 *     default 1 s
 * @param timerBatch most due timers fired per look, 1 to 10000, default 100
 * @param listLimit the largest (and default) page of {@code GET /api/v1/workflow/list}, 1 to 1000,
 *     default 100
 * @param listScan most workflows one list request reads to fill a filtered page, at least {@code
 *     listLimit}, default 1000 (a page can come back short with a {@code next_cursor})
 * @param roleClaim the token claim that holds a user's roles (text or an array of text), default
 *     {@code roles}
 * @param adminRole the role that sees, lists and cancels every user's workflows, default {@code
 *     admin}; {@code ""} for nobody
 * @param defaultType the workflow type of an upload without {@code workflow_type}, default {@code
 *     product}; must be in {@code definitions}
 * @param definitions the workflow types by name; the default holds the seed's {@code product}:
 *     {@code image_processing} (image-service) → {@code ai_enhancement} (llm-service) → {@code
 *     seo_generation} (llm-service). A {@code definitions} mapping in the YAML replaces it
 * @param exampleWorkers whether the node also runs the three example step workers
 *     (switchboard-workers) on its own broker, reporting by {@code step.completed} messages, so the
 *     default {@code product} workflow completes without other services; default false
 */
public record WorkflowsConfig(
    boolean enabled,
    String exchange,
    int maxRetries,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration timerInterval,
    int timerBatch,
    int listLimit,
    int listScan,
    String roleClaim,
    String adminRole,
    String defaultType,
    Map<String, WorkflowDefinitionConfig> definitions,
    boolean exampleWorkers) {

  /** The seed's product workflow: image processing, AI enhancement, SEO generation. */
  public static final WorkflowDefinitionConfig PRODUCT =
      new WorkflowDefinitionConfig(
          List.of(
              new WorkflowStepConfig(
                  "image_processing", "image-service", Duration.ofMinutes(5), null, null),
              new WorkflowStepConfig(
                  "ai_enhancement", "llm-service", Duration.ofMinutes(5), null, null),
              new WorkflowStepConfig(
                  "seo_generation", "llm-service", Duration.ofMinutes(5), null, null)));

  /**
   * Enabled, {@code workflow_exchange}, 3 retries from 5 s up to 5 min, timers every 1 s by 100,
   * pages of 100 scanning 1000, admins by {@code roles: [admin]}, the {@code product} type.
   */
  public static final WorkflowsConfig DEFAULT =
      new WorkflowsConfig(
          true,
          "workflow_exchange",
          3,
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofSeconds(1),
          100,
          100,
          1000,
          "roles",
          "admin",
          "product",
          Map.of("product", PRODUCT),
          false);

  /** Copies {@code definitions} ({@code null}: none) and fills missing text with defaults. */
  public WorkflowsConfig {
    definitions = definitions == null ? Map.of() : Map.copyOf(definitions);
    roleClaim = roleClaim == null || roleClaim.isEmpty() ? "roles" : roleClaim;
    adminRole = adminRole == null ? "" : adminRole;
  }

  /** A copy with another {@code enabled}. */
  public WorkflowsConfig withEnabled(boolean enabled) {
    return new WorkflowsConfig(
        enabled,
        exchange,
        maxRetries,
        retryDelay,
        maxRetryDelay,
        timerInterval,
        timerBatch,
        listLimit,
        listScan,
        roleClaim,
        adminRole,
        defaultType,
        definitions,
        exampleWorkers);
  }

  /** A copy with another exchange (tests use a unique one per run). */
  public WorkflowsConfig withExchange(String exchange) {
    return new WorkflowsConfig(
        enabled,
        exchange,
        maxRetries,
        retryDelay,
        maxRetryDelay,
        timerInterval,
        timerBatch,
        listLimit,
        listScan,
        roleClaim,
        adminRole,
        defaultType,
        definitions,
        exampleWorkers);
  }

  /** A copy with another default retry policy and timer interval (tests use short ones). */
  public WorkflowsConfig withTiming(int maxRetries, Duration retryDelay, Duration timerInterval) {
    return new WorkflowsConfig(
        enabled,
        exchange,
        maxRetries,
        retryDelay,
        maxRetryDelay,
        timerInterval,
        timerBatch,
        listLimit,
        listScan,
        roleClaim,
        adminRole,
        defaultType,
        definitions,
        exampleWorkers);
  }

  /** A copy with other definitions and default type. */
  public WorkflowsConfig withDefinitions(
      String defaultType, Map<String, WorkflowDefinitionConfig> definitions) {
    return new WorkflowsConfig(
        enabled,
        exchange,
        maxRetries,
        retryDelay,
        maxRetryDelay,
        timerInterval,
        timerBatch,
        listLimit,
        listScan,
        roleClaim,
        adminRole,
        defaultType,
        definitions,
        exampleWorkers);
  }

  /** A copy that runs (or not) the example step workers inside the node. */
  public WorkflowsConfig withExampleWorkers(boolean exampleWorkers) {
    return new WorkflowsConfig(
        enabled,
        exchange,
        maxRetries,
        retryDelay,
        maxRetryDelay,
        timerInterval,
        timerBatch,
        listLimit,
        listScan,
        roleClaim,
        adminRole,
        defaultType,
        definitions,
        exampleWorkers);
  }
}
