package io.switchboard.app.config;

import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.config.WorkflowDefinitionConfig;
import io.switchboard.server.config.WorkflowStepConfig;
import io.switchboard.server.config.WorkflowsConfig;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code workflows.*} rules of {@link ConfigValidator} (SPEC C3; issue 9 point 3): ranges of
 * the retry policy and timers, the exchange name (not shared with the commands'), and every
 * definition: a valid name, one or more steps, each with a type (used in the routing key {@code
 * step.<type>}, so no dots or wildcards) unique in its definition, a service, a positive timeout
 * and its own policy in range; {@code defaultType} must be defined. Stateless.
 */
final class WorkflowRules {
  /** Type names and step types: they become routing key words and room-visible names. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private WorkflowRules() {}

  /** Adds the errors of {@code c.workflows()} to {@code v}, in rule order (types by name). */
  static void check(ConfigValidator v, SwitchboardConfig c) {
    WorkflowsConfig w = c.workflows();
    v.exchange("workflows.exchange", w.exchange());
    v.check(
        !w.exchange().equals(c.commands().exchange())
            && !w.exchange().equals(c.commands().eventsExchange()),
        "workflows.exchange",
        "\"" + w.exchange() + "\" is also an exchange of commands",
        "an exchange of its own");
    retries(v, "workflows.maxRetries", w.maxRetries());
    v.positive("workflows.retryDelay", w.retryDelay());
    v.positive("workflows.maxRetryDelay", w.maxRetryDelay());
    v.positive("workflows.timerInterval", w.timerInterval());
    v.check(
        w.timerBatch() >= 1 && w.timerBatch() <= 10_000,
        "workflows.timerBatch",
        w.timerBatch() + " is out of range",
        "1..10000");
    v.check(
        w.listLimit() >= 1 && w.listLimit() <= 1000,
        "workflows.listLimit",
        w.listLimit() + " is out of range",
        "1..1000");
    v.check(
        w.listScan() >= w.listLimit(),
        "workflows.listScan",
        w.listScan() + " is less than workflows.listLimit " + w.listLimit(),
        "at least workflows.listLimit");
    v.check(
        w.definitions().containsKey(w.defaultType()),
        "workflows.defaultType",
        "\"" + w.defaultType() + "\" is not defined in workflows.definitions",
        "one of " + new TreeMap<>(w.definitions()).keySet());
    new TreeMap<>(w.definitions()).forEach((name, d) -> definition(v, name, d));
  }

  private static void definition(ConfigValidator v, String name, WorkflowDefinitionConfig d) {
    String key = "workflows.definitions." + name;
    v.check(
        NAME.matcher(name).matches(),
        key,
        "the name \"" + name + "\" is not valid",
        "1 to 64 of A-Z a-z 0-9 _ -");
    v.check(!d.steps().isEmpty(), key + ".steps", "is empty", "one or more steps");
    Set<String> types = new HashSet<>();
    for (int i = 0; i < d.steps().size(); i++) {
      WorkflowStepConfig s = d.steps().get(i);
      String sk = key + ".steps[" + i + "]";
      v.check(
          NAME.matcher(s.type()).matches(),
          sk + ".type",
          s.type().isEmpty() ? "is missing" : "\"" + s.type() + "\" is not valid",
          "1 to 64 of A-Z a-z 0-9 _ - (it becomes the routing key step.<type>)");
      v.check(
          types.add(s.type()),
          sk + ".type",
          "\"" + s.type() + "\" is already a step of " + name,
          "each step type once per definition");
      v.check(
          !s.service().isBlank() && s.service().length() <= 200,
          sk + ".service",
          s.service().isBlank() ? "is missing" : "is over 200 characters",
          "the worker service's name, e.g. image-service");
      v.positive(sk + ".timeout", s.timeout());
      if (s.maxRetries() != null) {
        retries(v, sk + ".maxRetries", s.maxRetries());
      }
      if (s.retryDelay() != null) {
        v.positive(sk + ".retryDelay", s.retryDelay());
      }
    }
  }

  private static void retries(ConfigValidator v, String key, int value) {
    v.check(value >= 0 && value <= 100, key, value + " is out of range", "0..100");
  }
}
