package io.switchboard.core.memory;

import java.util.Objects;

/**
 * A topic-exchange binding pattern (SPEC "Engines", broker; RabbitMQ semantics): words are
 * separated by {@code .}, {@code *} matches exactly one word and {@code #} zero or more words.
 *
 * @param pattern the pattern text, e.g. {@code board.*.updated} or {@code workflow.#}
 */
record TopicPattern(String pattern) {
  TopicPattern {
    Objects.requireNonNull(pattern, "pattern");
  }

  /** Whether {@code routingKey} matches this pattern. */
  boolean matches(String routingKey) {
    return match(pattern.split("\\.", -1), 0, routingKey.split("\\.", -1), 0);
  }

  private static boolean match(String[] p, int i, String[] k, int j) {
    while (i < p.length) {
      if (p[i].equals("#")) {
        if (i == p.length - 1) {
          return true;
        }
        for (int skip = j; skip <= k.length; skip++) {
          if (match(p, i + 1, k, skip)) {
            return true;
          }
        }
        return false;
      }
      if (j >= k.length || !(p[i].equals("*") || p[i].equals(k[j]))) {
        return false;
      }
      i++;
      j++;
    }
    return j == k.length;
  }
}
