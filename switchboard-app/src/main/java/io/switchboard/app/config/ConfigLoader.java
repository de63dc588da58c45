package io.switchboard.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.config.SwitchboardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration (SPEC "Operations"): the defaults of {@link SwitchboardConfig#DEFAULT},
 * then the YAML file (it sets only what it changes; {@code namespaces} in the file replaces the
 * default namespaces, each one merged over the namespace defaults), then {@code SWITCHBOARD_*}
 * environment overrides (see {@link EnvOverrides}), then binding to the records. Durations are
 * written {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601; enum values are
 * case-insensitive. Loading does not validate ranges: {@link ConfigValidator} does.
 */
public final class ConfigLoader {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigLoader() {}

  /**
   * Loads from a file and the environment.
   *
   * @param file the YAML file; {@code null} for defaults and environment only
   * @param env the environment, e.g. {@code System.getenv()}
   * @return the configuration, not yet validated
   * @throws ConfigException when the file is missing or unreadable, is not YAML, has unknown keys
   *     or values of the wrong type, or an environment variable names no key
   */
  public static SwitchboardConfig load(Path file, Map<String, String> env) {
    if (file == null) {
      return loadYaml("", env);
    }
    try {
      return bind(parse(Files.readString(file), "config file " + file), env);
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of("config file " + file + ": not found"));
    } catch (IOException e) {
      throw new ConfigException(List.of("config file " + file + ": cannot be read (" + e + ")"));
    }
  }

  /**
   * Loads from YAML text and the environment (tests and {@code check-config}).
   *
   * @param yaml the YAML document; empty for defaults
   * @param env the environment
   * @return the configuration, not yet validated
   * @throws ConfigException as {@link #load(Path, Map)}
   */
  public static SwitchboardConfig loadYaml(String yaml, Map<String, String> env) {
    return bind(parse(yaml, "config"), env);
  }

  private static JsonNode parse(String yaml, String source) {
    try {
      JsonNode node = yaml.isBlank() ? null : YAML.readTree(yaml);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return ConfigTree.NODES.objectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(List.of(source + ": the document must be a mapping of keys"));
      }
      return node;
    } catch (JacksonException e) {
      throw new ConfigException(List.of(source + ": not valid YAML: " + e.getOriginalMessage()));
    }
  }

  private static SwitchboardConfig bind(JsonNode file, Map<String, String> env) {
    ObjectNode tree =
        (ObjectNode) ConfigTree.merge(ConfigTree.of(SwitchboardConfig.DEFAULT), file, "");
    Map<String, String> origins = new HashMap<>();
    List<String> problems = EnvOverrides.apply(tree, env, origins);
    ConfigBinder binder = new ConfigBinder(origins);
    SwitchboardConfig config =
        binder.record(SwitchboardConfig.class, tree, SwitchboardConfig.DEFAULT, "");
    problems.addAll(binder.problems());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return withWorkflowNamespace(config);
  }

  /**
   * Adds the default {@code workflow} namespace when workflows are enabled and the namespaces in
   * the file (which replace the defaults) do not name it: the workflows' live frames, their room
   * {@code workflow:<id>} and the {@code /ws?workflow_id=} socket need it (docs/workflows.md).
   */
  static SwitchboardConfig withWorkflowNamespace(SwitchboardConfig config) {
    if (!config.workflows().enabled() || config.namespaces().containsKey("workflow")) {
      return config;
    }
    Map<String, NamespaceConfig> namespaces = new java.util.LinkedHashMap<>(config.namespaces());
    namespaces.put("workflow", NamespaceConfig.DEFAULTS.get("workflow"));
    return config.withNamespaces(namespaces);
  }
}
