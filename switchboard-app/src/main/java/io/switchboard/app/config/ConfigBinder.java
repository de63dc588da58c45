package io.switchboard.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.config.NamespaceConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the merged configuration tree into the records of {@code io.switchboard.server.config},
 * walking the record components. Collects every problem instead of stopping at the first; each
 * names the dotted key (and the environment variable when the value came from one).
 */
final class ConfigBinder {
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> origins;

  /**
   * @param origins dotted key → environment variable that set it
   */
  ConfigBinder(Map<String, String> origins) {
    this.origins = origins;
  }

  List<String> problems() {
    return problems;
  }

  /** Reads a record component (the accessors of the config records are public). */
  static Object read(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c, e);
    }
  }

  /** Binds a mapping to a record; missing keys take {@code defaults}' values. */
  <T extends Record> T record(Class<T> type, JsonNode node, T defaults, String path) {
    if (node == null || node.isNull()) {
      return defaults;
    }
    RecordComponent[] components = type.getRecordComponents();
    String known =
        Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", "));
    if (!node.isObject()) {
      return fail(path, describe(node) + " is not a mapping (known keys: " + known + ")", defaults);
    }
    int before = problems.size();
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (Arrays.stream(components).noneMatch(c -> c.getName().equals(k))) {
                problems.add(join(path, k) + ": unknown key (known: " + known + ")");
              }
            });
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      Object dflt = defaults == null ? fallback(c.getType()) : read(c, defaults);
      args[i] = value(c.getGenericType(), node.get(c.getName()), dflt, join(path, c.getName()));
    }
    if (problems.size() > before) {
      return defaults;
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      return fail(path, String.valueOf(e.getCause().getMessage()), defaults);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type, e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object value(Type type, JsonNode node, Object dflt, String path) {
    if (node == null || node.isNull()) {
      return type == Map.class || type instanceof ParameterizedType p && p.getRawType() == Map.class
          ? Map.of()
          : dflt;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()
          ? records((Class) c, node, path)
          : list(node, path);
    } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
      Type value = p.getActualTypeArguments()[1];
      return value == NamespaceConfig.class || !(value instanceof Class<?> c && c.isRecord())
          ? namespaces(node, path)
          : recordMap((Class) c, node, path);
    } else if (type == String.class) {
      return node.isValueNode() ? node.asText() : fail(path, describe(node) + " is not text", dflt);
    } else if (type == int.class || type == Integer.class) {
      String text = node.isIntegralNumber() || node.isTextual() ? node.asText().trim() : "?";
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        return fail(
            path,
            describe(node)
                + " is not a whole number (allowed: "
                + ConfigValidator.intRange(path)
                + ")",
            dflt);
      }
    } else if (type == boolean.class || type == Boolean.class) {
      String text =
          node.isBoolean() || node.isTextual()
              ? node.asText().trim().toLowerCase(Locale.ROOT)
              : "?";
      return switch (text) {
        case "true" -> true;
        case "false" -> false;
        default -> fail(path, describe(node) + " is not a boolean (allowed: true, false)", dflt);
      };
    } else if (type == Duration.class) {
      java.util.Optional<Duration> parsed =
          node.isTextual() ? Durations.parse(node.asText()) : java.util.Optional.empty();
      return parsed.isPresent()
          ? parsed.get()
          : fail(
              path,
              describe(node) + " is not a duration (allowed: " + Durations.ALLOWED + ")",
              dflt);
    } else if (type instanceof Class<?> c && c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      String allowed =
          Arrays.stream(constants)
              .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
      for (Object e : constants) {
        if (node.isTextual() && ((Enum<?>) e).name().equalsIgnoreCase(node.asText().trim())) {
          return e;
        }
      }
      return fail(path, describe(node) + " is not a valid value (allowed: " + allowed + ")", dflt);
    } else if (type instanceof Class<?> c && c.isRecord()) {
      return record((Class) c, node, (Record) dflt, path);
    }
    throw new IllegalStateException("unsupported configuration type " + type + " at " + path);
  }

  private Object list(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      Arrays.stream(node.asText().split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(out::add);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (item.isValueNode() && !item.isNull()) {
          out.add(item.asText());
        } else {
          problems.add(key(path + "[" + i + "]") + ": " + describe(item) + " is not text");
        }
      }
    } else {
      problems.add(
          key(path)
              + ": "
              + describe(node)
              + " is not a list (allowed: a list of text, or text separated by commas)");
    }
    return out;
  }

  /**
   * A list of records (e.g. {@code workflows.definitions.<type>.steps}): each item a mapping bound
   * over the record's {@code DEFAULT}.
   */
  private <T extends Record> List<T> records(Class<T> type, JsonNode node, String path) {
    List<T> out = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(key(path) + ": " + describe(node) + " is not a list of mappings");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      T item = record(type, node.get(i), defaultOf(type), path + "[" + i + "]");
      if (item != null) {
        out.add(item);
      }
    }
    return out;
  }

  /**
   * A mapping of names to records other than namespaces (e.g. {@code workflows.definitions}): each
   * value bound over the record's {@code DEFAULT}.
   */
  private <T extends Record> Map<String, T> recordMap(Class<T> type, JsonNode node, String path) {
    Map<String, T> out = new LinkedHashMap<>();
    if (!node.isObject()) {
      return fail(path, describe(node) + " is not a mapping of names", Map.of());
    }
    node.properties()
        .forEach(
            e -> {
              T value = record(type, e.getValue(), defaultOf(type), join(path, e.getKey()));
              if (value != null) {
                out.put(e.getKey(), value);
              }
            });
    return out;
  }

  /** A config record's public static {@code DEFAULT}, or {@code null} when it has none. */
  @SuppressWarnings("unchecked")
  private static <T extends Record> T defaultOf(Class<T> type) {
    try {
      Object d = type.getField("DEFAULT").get(null);
      return type.isInstance(d) ? (T) d : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private Object namespaces(JsonNode node, String path) {
    Map<String, NamespaceConfig> out = new LinkedHashMap<>();
    if (!node.isObject()) {
      return fail(path, describe(node) + " is not a mapping of namespace names", Map.of());
    }
    node.properties()
        .forEach(
            e ->
                out.put(
                    e.getKey(),
                    record(
                        NamespaceConfig.class,
                        e.getValue(),
                        NamespaceConfig.DEFAULT,
                        join(path, e.getKey()))));
    return out;
  }

  private <T> T fail(String path, String problem, T result) {
    problems.add(key(path) + ": " + problem);
    return result;
  }

  private String key(String path) {
    String env = origins.get(path);
    return env == null ? path : path + " (" + env + ")";
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static Object fallback(Class<?> type) {
    return type == String.class ? "" : type == int.class ? 0 : type == boolean.class ? false : null;
  }

  private static String describe(JsonNode node) {
    return node.isTextual()
        ? "\"" + node.asText() + "\""
        : node.isContainerNode() ? (node.isArray() ? "a list" : "a mapping") : node.toString();
  }
}
