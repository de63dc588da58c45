package io.switchboard.app.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.switchboard.server.config.LogConfig;
import org.slf4j.LoggerFactory;

/**
 * Switches logback to the configured format ({@code log.format}; issue 11 point 2) once the
 * configuration is loaded: {@code logback.xml} sends the root logger to the appender named by the
 * system property {@code switchboard.log.format} ({@code text} by default, {@code json} for
 * logback's {@code JsonEncoder}), so this sets the property and reloads that file.
 */
public final class LogFormat {
  /** The system property {@code logback.xml} reads. */
  public static final String PROPERTY = "switchboard.log.format";

  private LogFormat() {}

  /**
   * Applies {@code log}; a no-op for {@code text} (the file's default) or when logback is not the
   * logging backend.
   *
   * @param log the validated {@code log.*}
   */
  public static void apply(LogConfig log) {
    if (!log.json() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    System.setProperty(PROPERTY, "json");
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      throw new IllegalStateException("cannot reload logback.xml: " + e.getMessage(), e);
    }
  }
}
