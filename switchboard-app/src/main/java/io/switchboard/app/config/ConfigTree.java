package io.switchboard.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.config.NamespaceConfig;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration as a Jackson tree: records become mappings keyed by component name, durations
 * become {@code 30s}-style text, enums lower case. The tree is where the YAML file and the
 * environment overrides are layered before {@link ConfigBinder} turns it into records.
 */
final class ConfigTree {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ConfigTree() {}

  /** The tree of a configuration value (a record, map, list or scalar; {@code null} allowed). */
  static JsonNode of(Object value) {
    if (value == null) {
      return NODES.nullNode();
    } else if (value instanceof Record r) {
      ObjectNode node = NODES.objectNode();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        node.set(c.getName(), of(ConfigBinder.read(c, r)));
      }
      return node;
    } else if (value instanceof Map<?, ?> map) {
      ObjectNode node = NODES.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), of(v)));
      return node;
    } else if (value instanceof Collection<?> list) {
      ArrayNode node = NODES.arrayNode();
      list.forEach(v -> node.add(of(v)));
      return node;
    } else if (value instanceof Duration d) {
      return NODES.textNode(Durations.format(d));
    } else if (value instanceof Enum<?> e) {
      return NODES.textNode(e.name().toLowerCase(Locale.ROOT));
    } else if (value instanceof Integer i) {
      return NODES.numberNode(i);
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.textNode(value.toString());
  }

  /**
   * Layers a user file over the defaults: mappings merge key by key, anything else replaces. {@code
   * namespaces} is special: the file's map replaces the default map entirely, and each namespace in
   * it is merged over {@link NamespaceConfig#DEFAULT}; {@code workflows.definitions} in the file
   * also replaces the default definitions.
   *
   * @param defaults the full default tree (modified in place)
   * @param file the user's tree
   * @param path the dotted key of {@code defaults}, {@code ""} at the root
   * @return the merged tree
   */
  static JsonNode merge(JsonNode defaults, JsonNode file, String path) {
    if ("namespaces".equals(path)) {
      ObjectNode replaced = NODES.objectNode();
      if (file.isObject()) {
        file.properties()
            .forEach(
                e ->
                    replaced.set(e.getKey(), merge(of(NamespaceConfig.DEFAULT), e.getValue(), "")));
        return replaced;
      }
      return file.isNull() ? replaced : file;
    }
    if ("workflows.definitions".equals(path)) {
      // like namespaces: the file's definitions replace the default ones (each bound over the
      // step defaults), so a deployment can drop the seed's product type
      return file.isNull() ? NODES.objectNode() : file;
    }
    if (defaults instanceof ObjectNode target && file.isObject()) {
      file.properties()
          .forEach(
              e -> {
                String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode current = target.get(e.getKey());
                target.set(
                    e.getKey(), current == null ? e.getValue() : merge(current, e.getValue(), key));
              });
      return target;
    }
    return file;
  }
}
