package io.switchboard.app.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration's duration syntax: a whole number with a unit, {@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, {@code 2d}, or an ISO-8601 duration such as {@code PT30S}. Thread-safe.
 */
public final class Durations {
  /** What the error messages list as allowed: {@value}. */
  public static final String ALLOWED = "a duration like 250ms, 30s, 5m, 1h or PT30S";

  private static final Pattern SIMPLE = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param text e.g. {@code 30s} or {@code PT30S}; surrounding blanks (and blanks before the unit)
   *     ignored, case-insensitive; not null
   * @return the duration, or empty when {@code text} is not a duration or overflows; a negative
   *     value such as {@code -5s} parses (the validator refuses it where it must be positive)
   */
  public static Optional<Duration> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return Optional.of(
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(n);
              case "s" -> Duration.ofSeconds(n);
              case "m" -> Duration.ofMinutes(n);
              case "h" -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            });
      }
      if (t.startsWith("p") || t.startsWith("-p")) {
        return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * Formats in the largest exact unit up to hours, e.g. {@code 100ms}, {@code 30s}, {@code 1h},
   * {@code 48h} (never days); zero is {@code 0s}. {@link #parse} reads the result back.
   *
   * @param d the duration, to the millisecond
   * @return the text
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    } else if (ms != 0 && ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    } else if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
