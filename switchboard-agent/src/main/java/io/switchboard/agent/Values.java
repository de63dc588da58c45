package io.switchboard.agent;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the agent's option values (docs/agent.md "Options"): durations {@code 500ms}, {@code 10s},
 * {@code 5m}, {@code 1h} or ISO-8601 {@code PT10S}; sizes in bytes with an optional {@code KiB} or
 * {@code MiB} suffix ({@code k}, {@code kb}, {@code m}, {@code mb} mean the same); counts.
 */
final class Values {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib)");

  private Values() {}

  /**
   * @param option the option's name, for the error
   * @param text the value, or {@code null} for the default
   * @param fallback the default
   * @return the duration
   * @throws IllegalArgumentException when {@code text} is not a duration
   */
  static Duration duration(String option, String text, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          option + ": \"" + text + "\" is not a duration (allowed: 500ms, 10s, 5m, 1h, PT10S)");
    }
  }

  /**
   * @param option the option's name, for the error
   * @param text the value, or {@code null} for the default
   * @param fallback the default
   * @return the size in bytes
   * @throws IllegalArgumentException when {@code text} is not a size
   */
  static long size(String option, String text, long fallback) {
    if (text == null) {
      return fallback;
    }
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "k", "kb", "kib" -> Math.multiplyExact(n, 1024L);
          case "m", "mb", "mib" -> Math.multiplyExact(n, 1024L * 1024);
          default -> n;
        };
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + ": \"" + text + "\" is not a size (allowed: bytes, or with KiB or MiB: 512KiB)");
  }

  /**
   * @param option the option's name, for the error
   * @param text the value, or {@code null} for the default
   * @param fallback the default
   * @return the count
   * @throws IllegalArgumentException when {@code text} is not a whole number
   */
  static long count(String option, String text, long fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + ": \"" + text + "\" is not a whole number (allowed: 1 or more)");
    }
  }
}
