package io.switchboard.app.config;

import java.util.List;

/**
 * The configuration cannot be used (SPEC "Operations": validated at start with clear messages).
 * Carries every problem found, each shaped {@code key: problem (allowed: ...)}; the message lists
 * them one per line. The CLI prints them to stderr and exits with status 2.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The problems, in the order found; never empty. */
  private final List<String> problems;

  /**
   * @param problems one message per problem; must not be empty
   */
  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  " + String.join("\n  ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, each {@code key: problem (allowed: ...)}. */
  public List<String> problems() {
    return problems;
  }
}
