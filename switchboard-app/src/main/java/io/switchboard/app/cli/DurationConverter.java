package io.switchboard.app.cli;

import io.switchboard.app.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads command-line durations in the configuration syntax ({@code 30s}, {@code 1h}, {@code PT1H}). */
public final class DurationConverter implements ITypeConverter<Duration> {
  /**
   * @throws TypeConversionException when {@code value} is not a duration
   */
  @Override
  public Duration convert(String value) {
    return Durations.parse(value).orElseThrow(() ->
        new TypeConversionException("\"" + value + "\" is not a duration (allowed: " + Durations.ALLOWED + ")"));
  }
}
