package io.switchboard.commands.domain;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Field checks for command bodies (SPEC C2: a 400 that names the field). Each failure is a {@link
 * BadCommandException} naming the field.
 */
public final class BodyFields {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private BodyFields() {}

  /**
   * A required id: 1 to 100 of {@code A-Z a-z 0-9 . _ : -} (it becomes part of a stream name).
   *
   * @throws BadCommandException when absent or not such a string
   */
  public static String id(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || !ID.matcher(s).matches()) {
      throw new BadCommandException(
          field, "field '" + field + "' must be an id: 1-100 of A-Z a-z 0-9 . _ : -");
    }
    return s;
  }

  /** Whether {@code text} is an id in the sense of {@link #id}. */
  public static boolean isId(String text) {
    return text != null && ID.matcher(text).matches();
  }

  /**
   * A required string of 1 to {@code max} characters (surrounding blanks trimmed).
   *
   * @throws BadCommandException when absent, not a string, blank or longer
   */
  public static String string(JsonObject body, String field, int max) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new BadCommandException(field, "field '" + field + "' must be a non-empty string");
    }
    String t = s.trim();
    if (t.length() > max) {
      throw new BadCommandException(
          field, "field '" + field + "' must be at most " + max + " characters");
    }
    return t;
  }

  /**
   * An optional whole number from {@code min} to {@code max}.
   *
   * @return the value, or {@code null} when absent or JSON null
   * @throws BadCommandException when present and not such a number
   */
  public static Integer optionalInt(JsonObject body, String field, int min, int max) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      double d = n.doubleValue();
      if (d >= min && d <= max) {
        return (int) d;
      }
    }
    throw new BadCommandException(
        field, "field '" + field + "' must be a whole number from " + min + " to " + max);
  }
}
