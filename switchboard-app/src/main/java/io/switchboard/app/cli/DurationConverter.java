package io.switchboard.app.cli;

import io.switchboard.app.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads command-line durations in the configuration syntax ({@code 30s}, {@code 1h}, {@code PT1H}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  /**
   * @param value the option's text, e.g. {@code 30m}
   * @return the duration (a negative one passes; the command checks its range)
   * @throws TypeConversionException when {@code value} is not a duration; the message lists the
   *     allowed forms
   */
  @Override
  public Duration convert(String value) {
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "\"" + value + "\" is not a duration (allowed: " + Durations.ALLOWED + ")"));
  }
}
