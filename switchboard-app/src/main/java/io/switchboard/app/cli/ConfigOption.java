package io.switchboard.app.cli;

import io.switchboard.app.config.ConfigException;
import io.switchboard.app.config.ConfigLoader;
import io.switchboard.app.config.ConfigValidator;
import io.switchboard.server.config.SwitchboardConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code -c/--config <file>} option shared by the commands (SPEC "Operations"). Without it the
 * file named by {@code SWITCHBOARD_CONFIG} is used, and without that the defaults; {@code
 * SWITCHBOARD_*} overrides apply in every case.
 */
public final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "<file>",
      description =
          "YAML configuration file (default: $SWITCHBOARD_CONFIG, else built-in defaults).")
  Path file;

  /**
   * The file in use.
   *
   * @param env the environment
   * @return the option, else {@code SWITCHBOARD_CONFIG} (when not blank), else {@code null}
   */
  public Path resolve(Map<String, String> env) {
    if (file != null) {
      return file;
    }
    String fromEnv = env.get("SWITCHBOARD_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }

  /**
   * Loads the configuration (not validated).
   *
   * @param env the environment
   * @return defaults, then the file, then the {@code SWITCHBOARD_*} overrides
   * @throws ConfigException when it cannot be loaded
   */
  public SwitchboardConfig load(Map<String, String> env) {
    return ConfigLoader.load(resolve(env), env);
  }

  /**
   * A loaded and validated configuration with the validator's warnings.
   *
   * @param config the configuration
   * @param warnings non-fatal findings, e.g. anonymous-only auth; each a line of text
   */
  public record Checked(SwitchboardConfig config, List<String> warnings) {}

  /**
   * Loads and validates the configuration; on a problem prints {@code config invalid:} and every
   * problem, one per indented line, to {@code err}.
   *
   * @param env the environment
   * @param err where problems go (flushed)
   * @return the checked configuration, or {@code null} when it is invalid (exit status 2)
   */
  public Checked loadChecked(Map<String, String> env, PrintWriter err) {
    try {
      SwitchboardConfig c = load(env);
      return new Checked(c, ConfigValidator.validate(c).orThrow());
    } catch (ConfigException e) {
      err.println("config invalid:");
      e.problems().forEach(p -> err.println("  " + p));
      err.flush();
      return null;
    }
  }
}
