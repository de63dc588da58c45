package io.switchboard.app.cli;

import io.switchboard.app.config.ConfigException;
import io.switchboard.app.config.ConfigLoader;
import io.switchboard.server.config.SwitchboardConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code -c/--config <file>} option shared by the commands (SPEC "Operations"). Without it
 * the file named by {@code SWITCHBOARD_CONFIG} is used, and without that the defaults; {@code
 * SWITCHBOARD_*} overrides apply in every case.
 */
public final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "<file>",
      description = "YAML configuration file (default: $SWITCHBOARD_CONFIG, else built-in defaults).")
  Path file;

  /** The file in use: the option, else {@code SWITCHBOARD_CONFIG}, else {@code null}. */
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
   * @throws ConfigException when it cannot be loaded
   */
  public SwitchboardConfig load(Map<String, String> env) {
    return ConfigLoader.load(resolve(env), env);
  }
}
