package io.switchboard.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.config.SwitchboardConfig;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code SWITCHBOARD_*} environment overrides (SPEC "Operations"). A variable is {@code
 * SWITCHBOARD_} plus the key path, each camelCase key written UPPER_SNAKE and the keys joined by
 * {@code _}: {@code server.port} is {@code SWITCHBOARD_SERVER_PORT}, {@code auth.hmacSecret} is
 * {@code SWITCHBOARD_AUTH_HMAC_SECRET}. Because {@code _} both separates and joins words, the name
 * is resolved by walking the known tree (record components, and for {@code namespaces} the
 * namespaces already configured, {@code -} in their names written {@code _}). Lists are comma
 * separated. {@code SWITCHBOARD_CONFIG} names the file and {@code SWITCHBOARD_API_KEY} is the key
 * of {@code switchboard worker}; neither is an override.
 */
final class EnvOverrides {
  static final String PREFIX = "SWITCHBOARD_";
  static final String CONFIG_VARIABLE = "SWITCHBOARD_CONFIG";

  /**
   * The key {@code switchboard worker} sends to the gateway (issue 9 point 7): not an override, so
   * a shell that exports it for the workers can still start the gateway.
   */
  static final String WORKER_KEY_VARIABLE = "SWITCHBOARD_API_KEY";

  private EnvOverrides() {}

  /**
   * Applies the overrides to {@code tree} in name order.
   *
   * @param tree the merged tree (modified in place)
   * @param env the environment
   * @param origins filled with dotted key → variable name, for error messages
   * @return problems: variables that name no key
   */
  static List<String> apply(ObjectNode tree, Map<String, String> env, Map<String, String> origins) {
    List<String> problems = new ArrayList<>();
    new TreeMap<>(env)
        .forEach(
            (name, value) -> {
              if (!name.startsWith(PREFIX)
                  || name.equals(CONFIG_VARIABLE)
                  || name.equals(WORKER_KEY_VARIABLE)) {
                return;
              }
              String[] tokens = name.substring(PREFIX.length()).split("_", -1);
              LinkedList<String> segments = resolve(SwitchboardConfig.class, tree, tokens, 0);
              if (segments == null) {
                problems.add(
                    name
                        + ": no such configuration key (a variable is SWITCHBOARD_ plus the key path in"
                        + " UPPER_SNAKE, e.g. SWITCHBOARD_SERVER_PORT for server.port; namespaces must already exist)");
                return;
              }
              ObjectNode parent = tree;
              for (String segment : segments.subList(0, segments.size() - 1)) {
                JsonNode child = parent.get(segment);
                parent = child instanceof ObjectNode o ? o : parent.putObject(segment);
              }
              String leaf = segments.getLast();
              JsonNode current = parent.get(leaf);
              if (current != null && current.isArray()
                  || isList(SwitchboardConfig.class, segments)) {
                ArrayNode list = parent.putArray(leaf);
                Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .forEach(list::add);
              } else {
                parent.put(leaf, value);
              }
              origins.put(String.join(".", segments), name);
            });
    return problems;
  }

  /** {@code maxFrameBytes} → {@code MAX_FRAME_BYTES}; {@code my-ns} → {@code MY_NS}. */
  static String upperSnake(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static LinkedList<String> resolve(Type type, JsonNode node, String[] tokens, int i) {
    boolean record = type instanceof Class<?> c && c.isRecord();
    boolean map = type instanceof ParameterizedType p && p.getRawType() == Map.class;
    if (i == tokens.length) {
      return record || map || isRecordList(type) ? null : new LinkedList<>();
    }
    List<String> keys = new ArrayList<>();
    if (record) {
      Arrays.stream(((Class<?>) type).getRecordComponents())
          .map(RecordComponent::getName)
          .forEach(keys::add);
    } else if (map && node != null && node.isObject()) {
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(Comparator.comparingInt(String::length).reversed());
    }
    for (String key : keys) {
      String[] parts = upperSnake(key).split("_", -1);
      if (i + parts.length <= tokens.length
          && Arrays.equals(parts, Arrays.copyOfRange(tokens, i, i + parts.length))) {
        Type childType = record ? componentType((Class<?>) type, key) : valueType(type);
        LinkedList<String> rest =
            resolve(childType, node == null ? null : node.get(key), tokens, i + parts.length);
        if (rest != null) {
          rest.addFirst(key);
          return rest;
        }
      }
    }
    return null;
  }

  /** A map's value type ({@link NamespaceConfig} for {@code namespaces}). */
  private static Type valueType(Type map) {
    return map instanceof ParameterizedType p && p.getRawType() == Map.class
        ? p.getActualTypeArguments()[1]
        : NamespaceConfig.class;
  }

  /**
   * Whether {@code type} is a list of records (workflow steps): not settable from one variable,
   * only from the file.
   */
  private static boolean isRecordList(Type type) {
    return type instanceof ParameterizedType p
        && p.getRawType() == List.class
        && p.getActualTypeArguments()[0] instanceof Class<?> c
        && c.isRecord();
  }

  private static Type componentType(Class<?> type, String key) {
    return Arrays.stream(type.getRecordComponents())
        .filter(c -> c.getName().equals(key))
        .findFirst()
        .orElseThrow()
        .getGenericType();
  }

  private static boolean isList(Type type, List<String> segments) {
    Type t = type;
    for (String s : segments) {
      t = t instanceof Class<?> c && c.isRecord() ? componentType(c, s) : valueType(t);
    }
    return t instanceof ParameterizedType p && p.getRawType() == List.class;
  }
}
