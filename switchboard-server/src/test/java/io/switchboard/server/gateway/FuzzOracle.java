package io.switchboard.server.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.switchboard.server.room.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@link FuzzIT} accepts from the server, taken from {@code docs/protocol.md} (the reference
 * clients are written against): the error codes of its "Errors" table, the close codes of its
 * "Close codes" table, and the frame types and fields of "Requests and replies" and
 * "Server-initiated frames". Every server text frame must be strict JSON (RFC 8259: no {@code
 * Infinity}, no trailing data). Violations are collected (the first {@value #KEPT} kept verbatim,
 * all counted) rather than thrown on the sockets' event loops.
 */
final class FuzzOracle {
  static final int KEPT = 40;

  /** Nesting a client parser must accept: a publication nested 1000 deep inside a joined frame. */
  private static final int MAX_DEPTH = 2_000;

  /** Strict JSON, for server frames; floats kept exact so ids compare by value. */
  static final JsonMapper STRICT =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** The server's own reading of a client frame (Vert.x's Jackson codec also allows comments). */
  static final JsonMapper AS_SERVER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .build();

  /**
   * {@link #AS_SERVER} with numbers read as doubles: reads a number whose exponent BigDecimal
   * cannot hold ({@code 1.5e-4005534284489237667681}) as the server may (0.0).
   */
  static final JsonMapper AS_SERVER_DOUBLES =
      AS_SERVER.rebuild().disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** The documented {@code error} codes. */
  final Set<String> errorCodes;

  /** The documented close codes (plus 1000, a normal close). */
  final Set<Integer> closeCodes;

  final Set<String> types =
      Set.of(
          "welcome",
          "joined",
          "left",
          "ack",
          "presence",
          "pong",
          "error",
          "event",
          "presence_count",
          "notification");
  private final ConcurrentLinkedQueue<String> kept = new ConcurrentLinkedQueue<>();
  final AtomicLong violations = new AtomicLong();
  private final java.util.Map<String, AtomicLong> categories =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, java.util.concurrent.atomic.AtomicReference<Object[]>> notes =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Reads both tables from {@code protocol} and checks the enums agree with them. */
  FuzzOracle(Path protocol) throws IOException {
    String doc = Files.readString(protocol);
    errorCodes = column(section(doc, "## Errors"), "\\| `([a-z_]+)` \\|");
    closeCodes =
        column(section(doc, "## Close codes"), "\\| (\\d{4}) \\|").stream()
            .map(Integer::valueOf)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> enumCodes =
        Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toSet());
    if (!enumCodes.equals(errorCodes)) {
      throw new AssertionError(
          "docs/protocol.md error table " + errorCodes + " differs from ErrorCode " + enumCodes);
    }
    for (CloseCode c : CloseCode.values()) {
      if (!closeCodes.contains((int) c.code())) {
        throw new AssertionError("close code " + c.code() + " is not in docs/protocol.md");
      }
    }
    closeCodes.add(1000);
  }

  private static String section(String doc, String heading) {
    int start = doc.indexOf(heading);
    if (start < 0) {
      throw new AssertionError("docs/protocol.md has no " + heading);
    }
    int end = doc.indexOf("\n## ", start + heading.length());
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  private static Set<String> column(String table, String rowRegex) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^" + rowRegex).matcher(table);
    while (m.find()) {
      out.add(m.group(1));
    }
    if (out.isEmpty()) {
      throw new AssertionError("no rows matching " + rowRegex);
    }
    return out;
  }

  /** Records a violation, {@code where} says which connection and input. */
  void violation(String where, String what) {
    if (violations.incrementAndGet() <= KEPT) {
      kept.add(where + ": " + what);
    }
    Matcher kind = Pattern.compile("\\[([a-z:0-9-]+)").matcher(where);
    String prefix =
        kind.find() ? kind.group(1) + ": " : where.startsWith("witness") ? "witness: " : "";
    String category = prefix + what.replaceAll("[\"{].*", "").replaceAll("\\d+", "#");
    categories.computeIfAbsent(category, k -> new AtomicLong()).incrementAndGet();
  }

  /** How many violations of each kind (input kind and message, numbers and frames elided). */
  java.util.Map<String, Long> categories() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    categories.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /**
   * Records a deviation from the documentation that {@link FuzzIT} reports without failing (a known
   * finding, see the class comment of {@link FuzzIT}): counted per {@code what}, one example.
   */
  void note(String what, String example) {
    notes
        .computeIfAbsent(
            what,
            k -> new java.util.concurrent.atomic.AtomicReference<>(new Object[] {0L, example}))
        .updateAndGet(v -> new Object[] {(Long) v[0] + 1, v[1]});
  }

  /** The notes: what → count and one example. */
  java.util.Map<String, String> notes() {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    notes.forEach((k, v) -> out.put(k, v.get()[0] + " times, e.g. " + v.get()[1]));
    return out;
  }

  /** The violations kept verbatim. */
  List<String> kept() {
    return List.copyOf(kept);
  }

  /**
   * Checks one server text frame and returns it parsed, or {@code null} (a violation recorded) when
   * it is not strict JSON, not an object, of an undocumented type or lacks a documented field.
   */
  JsonNode check(String where, String text) {
    JsonNode f;
    try {
      f = STRICT.readTree(text);
    } catch (IOException | RuntimeException e) {
      violation(
          where,
          "server frame is not strict JSON (" + e.getClass().getSimpleName() + "): " + cut(text));
      return null;
    }
    String problem = FuzzShapes.problem(this, f);
    if (problem != null) {
      violation(where, problem + ": " + cut(text));
      return null;
    }
    return f;
  }

  /** Whether a checked frame answers a request (as opposed to a broadcast). */
  static boolean isReply(JsonNode f) {
    return switch (f.get("type").asText()) {
      case "ack", "left", "pong", "error", "joined" -> true;
      case "presence" -> f.get("data").isArray();
      default -> false;
    };
  }

  /** {@code s} cut to {@code -Dfuzz.cut} characters (default 200) for the report. */
  static String cut(String s) {
    int max = Integer.getInteger("fuzz.cut", 200);
    return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
  }
}
