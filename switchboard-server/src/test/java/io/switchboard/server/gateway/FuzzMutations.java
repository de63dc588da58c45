package io.switchboard.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Mutations of well-formed requests for {@link FuzzIT}: byte flips, truncation, duplicated fields,
 * deep nesting, huge numbers, unicode and NUL insertions, comments, broken JSON. The expected
 * outcome is derived from reading the mutated text as the server does ({@link
 * FuzzOracle#AS_SERVER}, after UTF-8 decoding with replacement as Netty does): not a JSON object →
 * {@code bad_request}; an id of the wrong type → {@code bad_request} without id; a bad or missing
 * {@code type} → {@code unknown_type}; otherwise the reply of that type or any documented error,
 * with the id echoed.
 */
final class FuzzMutations {
  private static final String[] KEYS = {
    "type", "id", "room", "event", "data", "since", "limit", "cursor"
  };
  private final SplittableRandom r;
  private final int maxFrame;

  FuzzMutations(SplittableRandom r, int maxFrame) {
    this.r = r;
    this.maxFrame = maxFrame;
  }

  /** A mutation of {@code valid} (the text of a well-formed request). */
  FuzzInput mutate(String valid) {
    byte[] b = valid.getBytes(StandardCharsets.UTF_8);
    int n = 1 + r.nextInt(3);
    String kind = null;
    for (int i = 0; i < n; i++) {
      int m = r.nextInt(12);
      kind = kind == null ? "mutation:" + name(m) : kind;
      b = apply(m, b);
    }
    FuzzInput in =
        new FuzzInput(
            kind, FuzzWire.frame(FuzzWire.TEXT, b, r), new String(b, StandardCharsets.UTF_8));
    if (FuzzRequests.sized(in, b.length, maxFrame)) {
      return in;
    }
    return expect(in, new String(b, StandardCharsets.UTF_8));
  }

  /** The documented outcome of a text frame the server decodes to {@code text}. */
  static FuzzInput expect(FuzzInput in, String text) {
    JsonNode f;
    try {
      f = FuzzOracle.AS_SERVER.readTree(text);
    } catch (Exception e) {
      f = null;
    }
    if (f == null) {
      // a number whose exponent BigDecimal cannot hold (1.5e-4005534284489237667681, from the
      // huge-number mutation): the server may read it as a double (0.0) and go on, or refuse it;
      // either answer is documented, so the reply is checked for its kind only (CI, seed
      // -4620643540597978280)
      JsonNode d;
      try {
        d = FuzzOracle.AS_SERVER_DOUBLES.readTree(text);
      } catch (Exception e) {
        d = null;
      }
      if (d != null && d.isObject()) {
        FuzzInput either = expect(in, d);
        Set<String> outcomes = new java.util.HashSet<>(either.outcomes);
        outcomes.add("error:bad_request");
        in.outcomes = Set.copyOf(outcomes);
        in.checkId = false;
        return in;
      }
    }
    return expect(in, f);
  }

  private static FuzzInput expect(FuzzInput in, JsonNode f) {
    if (f == null || !f.isObject()) {
      return in.reply(Set.of("error:bad_request"), null);
    }
    JsonNode id = f.get("id");
    if (id != null && !id.isNull() && !(id.isTextual() || id.isNumber())
        || id != null && FuzzRequests.nonFinite(id)) {
      return in.reply(Set.of("error:bad_request"), null);
    }
    id = id == null || id.isNull() ? null : id;
    JsonNode type = f.get("type");
    String t = type != null && type.isTextual() ? type.asText() : "";
    String success =
        switch (t) {
          case "join" -> "joined";
          case "leave" -> "left";
          case "publish" -> "ack";
          case "presence" -> "presence";
          case "ping" -> "pong";
          default -> null;
        };
    if (success == null) {
      return in.reply(Set.of("error:unknown_type"), id);
    }
    return in.reply(Set.of(success, "error:*"), id);
  }

  private static String name(int m) {
    return new String[] {
          "flip",
          "truncate",
          "duplicate",
          "nest",
          "huge-number",
          "unicode",
          "nul",
          "delete",
          "trailing",
          "comment",
          "wrap",
          "replace"
        }
        [m];
  }

  private byte[] apply(int m, byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    return switch (m) {
      case 0 -> { // flip one to three bits anywhere
        byte[] c = b.clone();
        for (int i = 0, k = 1 + r.nextInt(3); i < k && c.length > 0; i++) {
          c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
        }
        yield c;
      }
      case 1 -> java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
      case 2 ->
          insertBeforeEnd(
              s, "," + "\"" + KEYS[r.nextInt(KEYS.length)] + "\":" + FuzzJson.value(r, 40));
      case 3 ->
          insertBeforeEnd(
              s,
              ",\""
                  + KEYS[r.nextInt(KEYS.length)]
                  + "\":"
                  + FuzzJson.nested(r, new int[] {50, 999, 1001, 2000}[r.nextInt(4)]));
      case 4 ->
          insertBeforeEnd(
              s,
              ",\""
                  + KEYS[r.nextInt(KEYS.length)]
                  + "\":"
                  + switch (r.nextInt(4)) {
                    case 0 -> FuzzJson.digits(r, 1001 + r.nextInt(500));
                    case 1 -> FuzzJson.digits(r, 900);
                    case 2 -> FuzzJson.overflowing(r);
                    default -> "0." + FuzzJson.digits(r, 1200);
                  });
      case 5 -> insertAt(s, new String(Character.toChars(pickCodePoint())));
      case 6 -> insertAt(s, r.nextBoolean() ? "\u0000" : "\\u0000");
      case 7 ->
          s.isEmpty()
              ? b
              : bytes(new StringBuilder(s).deleteCharAt(r.nextInt(s.length())).toString());
      case 8 -> bytes(s + new String[] {"}", "x", " ", "\n", "{}", ",", "\u0000"}[r.nextInt(7)]);
      case 9 -> insertAt(s, r.nextBoolean() ? "/* c */" : "// c\n");
      case 10 ->
          bytes(
              new String[] {
                    "[" + s + "]",
                    "\ufeff" + s,
                    "",
                    " ",
                    "null",
                    "123",
                    "\"" + s + "\"",
                    "{\"type\":\"ping\"}{\"type\":\"ping\"}"
                  }
                  [r.nextInt(8)]);
      default ->
          bytes(
              s.replace(
                  new String[] {"\"", ":", ",", "{"}[r.nextInt(4)],
                  new String[] {"'", "=", ";", "("}[r.nextInt(4)]));
    };
  }

  private int pickCodePoint() {
    return switch (r.nextInt(4)) {
      case 0 -> 0x1F600 + r.nextInt(64);
      case 1 -> 0x0300 + r.nextInt(0x70); // combining marks
      case 2 -> new int[] {0x2028, 0x2029, 0x200B, 0x202E, 0xFEFF, 0xFFFD, 0xFFFF}[r.nextInt(7)];
      default -> 0x80 + r.nextInt(0xD000);
    };
  }

  private byte[] insertAt(String s, String piece) {
    int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
    if (at > 0 && at < s.length() && Character.isHighSurrogate(s.charAt(at - 1))) {
      at--;
    }
    return bytes(s.substring(0, at) + piece + s.substring(at));
  }

  private static byte[] insertBeforeEnd(String s, String piece) {
    int end = s.lastIndexOf('}');
    return end <= 0 ? bytes(s + piece) : bytes(s.substring(0, end) + piece + s.substring(end));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
