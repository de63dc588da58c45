package io.switchboard.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Well-formed requests of every client type ({@code join leave publish presence ping}) with random
 * and boundary field values, each with the outcome {@code docs/protocol.md} promises: the reply
 * type on success, else the error code of each field at fault (any of them is accepted, since the
 * order of checks is not documented), the request's id echoed except when the frame was not parsed,
 * and the size rules of {@code client.maxFrameBytes}.
 */
final class FuzzRequests {
  static final String[] TYPES = {"join", "leave", "publish", "presence", "ping"};
  static final String[] NAMESPACES = {"chat", "board", "news", "private", "big"};
  static final String[] SHARED = {"chat:fuzz-shared", "big:fuzz-shared"};

  /**
   * Who a fuzzing connection is: a user, a user whose token grants {@code private:*}, or anonymous.
   */
  enum Who {
    USER,
    CLAIMS,
    ANONYMOUS
  }

  /** A field's JSON text and the error code it alone causes ({@code null}: none). */
  record Field(String json, String fault) {}

  private final SplittableRandom r;
  private final int maxFrame;
  private final int maxRooms;

  FuzzRequests(SplittableRandom r, int maxFrame, int maxRooms) {
    this.r = r;
    this.maxFrame = maxFrame;
    this.maxRooms = maxRooms;
  }

  /** A random request for a connection of {@code who} currently in {@code rooms}. */
  FuzzInput next(Who who, Set<String> rooms) {
    String type = TYPES[r.nextInt(100) < 30 ? 2 : r.nextInt(TYPES.length)];
    List<String> fields = new ArrayList<>();
    Set<String> faults = new LinkedHashSet<>();
    // id: every JSON type; bool/array/object are refused before anything else, without an id
    String idJson = id();
    JsonNode id = null;
    boolean idFault = false;
    if (idJson != null) {
      fields.add("\"id\":" + idJson);
      JsonNode parsed = parse(idJson);
      idFault = !(parsed.isTextual() || parsed.isNumber() || parsed.isNull()) || nonFinite(parsed);
      id = parsed.isNull() ? null : parsed;
    }
    boolean typeFault = r.nextInt(100) < 6;
    if (typeFault) {
      String bad =
          pick("\"PING\"", "\"\"", "\"subscribe\"", "1", "null", "[\"join\"]", "{}", "\"join \"");
      fields.add("\"type\":" + bad);
    } else {
      fields.add("\"type\":\"" + type + "\"");
    }
    String room = null;
    String event = null;
    if (!"ping".equals(type)) {
      Field f = room();
      if (f == null) {
        faults.add("bad_request"); // absent
      } else {
        room = f.fault() == null ? parse(f.json()).asText() : null;
        add(fields, faults, "room", f);
      }
    }
    switch (type) {
      case "join" -> add(fields, faults, "since", since());
      case "publish" -> {
        Field ev = event();
        event = ev.fault() == null ? parse(ev.json()).asText() : null;
        add(fields, faults, "event", ev);
        add(fields, faults, "data", data());
      }
      case "presence" -> {
        add(fields, faults, "limit", limit());
        add(fields, faults, "cursor", cursor());
      }
      default -> {}
    }
    if (r.nextInt(10) == 0) {
      fields.add(
          FuzzJson.quote("x-" + FuzzJson.content(r, 8, true), r) + ":" + FuzzJson.value(r, 100));
    }
    shuffle(fields);
    String text = "{" + String.join(r.nextInt(4) == 0 ? " , " : ",", fields) + "}";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    FuzzInput in =
        new FuzzInput(
            typeFault ? "request:bad-type" : "request:" + type,
            FuzzWire.frame(FuzzWire.TEXT, bytes, r),
            text);
    if (sized(in, bytes.length, maxFrame)) {
      return in;
    }
    try {
      FuzzOracle.AS_SERVER.readTree(text);
    } catch (
        Exception
            e) { // RFC 8259 §8.2 leaves lone surrogate escapes to the reader: Jackson refuses them
      return in.reply(Set.of("error:bad_request"), null);
    }
    if (idFault) {
      return in.reply(Set.of("error:bad_request"), null);
    }
    if (typeFault) {
      return in.reply(Set.of("error:unknown_type"), id);
    }
    if (room != null) { // the access check may come before a field's
      String denied = access(type, who, room, rooms);
      if (denied != null) {
        faults.add(denied);
      }
    }
    if (!faults.isEmpty()) {
      Set<String> errors = new LinkedHashSet<>();
      faults.forEach(f -> errors.add("error:" + f));
      return in.reply(errors, id);
    }
    return in.reply(success(type, room, event, rooms), id);
  }

  /**
   * Applies the size rules to a text frame of {@code bytes}: over 16 × the limit the connection is
   * dropped (or closed 1009), over 4 × closed with 1009, over the limit {@code frame_too_large}
   * without an id. Returns whether one applied.
   */
  static boolean sized(FuzzInput in, long bytes, int maxFrame) {
    if (bytes > 16L * maxFrame) {
      in.ends(Set.of(1009), true);
    } else if (bytes > 4L * maxFrame) {
      in.ends(Set.of(1009), false);
    } else if (bytes > maxFrame) {
      in.reply(Set.of("error:frame_too_large"), null);
    } else {
      return false;
    }
    return true;
  }

  /**
   * Whether {@code event} may reach the routing key {@code board.{event}} of the default {@code
   * board} namespace (docs/protocol.md, publish: words of letters, digits, _ and -, single dots,
   * the key at most 255 UTF-8 bytes).
   */
  private static boolean forwardable(String event) {
    return event != null
        && FORWARDABLE.matcher(event).matches()
        && ("board." + event).getBytes(StandardCharsets.UTF_8).length <= 255;
  }

  private static final java.util.regex.Pattern FORWARDABLE =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private Set<String> success(String type, String room, String event, Set<String> rooms) {
    return switch (type) {
      case "join" ->
          rooms.contains(room) || rooms.size() < maxRooms
              ? Set.of("joined")
              : Set.of("error:too_many_rooms");
      case "leave" -> Set.of("left");
      case "publish" ->
          !room.startsWith("board:")
              ? Set.of("ack")
              : forwardable(event)
                  ? Set.of("ack", "error:buffer_full")
                  : Set.of("error:bad_request");
      case "presence" -> Set.of("presence");
      default -> Set.of("pong");
    };
  }

  /** The namespace policies of {@link FuzzIT#config}: who may join, publish, see presence. */
  private static String access(String type, Who who, String room, Set<String> rooms) {
    String ns = room.substring(0, room.indexOf(':'));
    boolean mayJoin =
        "news".equals(ns) || who != Who.ANONYMOUS && (!"private".equals(ns) || who == Who.CLAIMS);
    return switch (type) {
      case "join" -> mayJoin ? null : "forbidden";
      case "publish" -> "news".equals(ns) || who == Who.ANONYMOUS ? "forbidden" : null;
      case "presence" ->
          "news".equals(ns) || !mayJoin && !rooms.contains(room) ? "forbidden" : null;
      default -> null;
    };
  }

  private void add(List<String> fields, Set<String> faults, String name, Field f) {
    if (f == null) {
      return;
    }
    fields.add("\"" + name + "\":" + f.json());
    if (f.fault() != null) {
      faults.add(f.fault());
    }
  }

  private String id() {
    return switch (r.nextInt(14)) {
      case 0, 1 -> null;
      case 2, 3 -> Integer.toString(r.nextInt(1_000_000));
      case 4 -> FuzzJson.number(r);
      case 5 -> FuzzJson.overflowing(r);
      case 6, 7, 8 -> FuzzJson.quote(FuzzJson.content(r, r.nextInt(10) == 0 ? 300 : 24, false), r);
      case 9 -> "null";
      case 10 -> r.nextBoolean() ? "true" : "false";
      case 11 -> "[" + r.nextInt(9) + "]";
      case 12 -> "{\"id\":1}";
      default -> "\"" + FuzzJson.of(r, FuzzJson.ROOM_CHARS, 1 + r.nextInt(12)) + "\"";
    };
  }

  /** A room field: the shared and pooled rooms most often, then every kind of bad name. */
  Field room() {
    int p = r.nextInt(100);
    if (p < 15) {
      return ok(SHARED[r.nextInt(SHARED.length)]);
    } else if (p < 50) {
      return ok(NAMESPACES[r.nextInt(NAMESPACES.length)] + ":r" + r.nextInt(12));
    } else if (p < 58) { // boundary lengths: namespace 1-64, rest 1-135
      String ns = NAMESPACES[r.nextInt(NAMESPACES.length)];
      return ok(
          ns
              + ":"
              + FuzzJson.of(r, FuzzJson.ROOM_CHARS, r.nextBoolean() ? 135 : 1 + r.nextInt(135)));
    } else if (p < 62) {
      return new Field(q(FuzzJson.of(r, FuzzJson.NAMESPACE_CHARS, 64) + ":x"), "unknown_namespace");
    } else if (p < 66) {
      return new Field(
          q("zz" + FuzzJson.of(r, FuzzJson.NAMESPACE_CHARS, r.nextInt(10)) + ":r1"),
          "unknown_namespace");
    } else if (p < 70) {
      return new Field(
          q("user:" + FuzzJson.of(r, FuzzJson.ROOM_CHARS, 1 + r.nextInt(20))), "invalid_room");
    } else if (p < 84) {
      String bad =
          pick(
              "chat",
              "chat:",
              ":r1",
              "chat:r 1",
              "chat:r1\u0000",
              "chat:é",
              "chat:r*",
              "chat:" + "x".repeat(136),
              FuzzJson.of(r, FuzzJson.NAMESPACE_CHARS, 65) + ":x",
              "chat:\ud83c\udf00",
              "chat\n:r1",
              " chat:r1",
              "chat:r1 ");
      return new Field(FuzzJson.quote(bad, r), "invalid_room");
    } else if (p < 94) { // random text: mostly invalid, now and then a valid name
      String raw = FuzzJson.content(r, 40, true);
      if (!io.switchboard.core.room.RoomName.isValid(raw)) {
        return new Field(FuzzJson.quote(raw, r), raw.isEmpty() ? "bad_request" : "invalid_room");
      }
      return knownNamespace(raw) ? ok(raw) : new Field(FuzzJson.quote(raw, r), "unknown_namespace");
    } else if (p < 98) {
      return new Field(
          pick("1", "true", "[\"chat:r1\"]", "{\"room\":\"chat:r1\"}", "\"\"", "null"),
          "bad_request");
    }
    return null; // absent: bad_request is added by the caller's check of the type
  }

  private static boolean knownNamespace(String room) {
    String ns = room.substring(0, room.indexOf(':'));
    return List.of(NAMESPACES).contains(ns) || "user".equals(ns);
  }

  private Field ok(String room) {
    return new Field(q(room), room.startsWith("user:") ? "invalid_room" : null);
  }

  private Field since() {
    return switch (r.nextInt(12)) {
      case 0, 1, 2 ->
          new Field(
              "{\"epoch\":"
                  + q(FuzzJson.of(r, FuzzJson.ROOM_CHARS, 1 + r.nextInt(20)))
                  + ",\"offset\":"
                  + pick(
                      "0",
                      "1",
                      "17",
                      "9223372036854775807",
                      "1.5",
                      Integer.toString(r.nextInt(100)))
                  + "}",
              null);
      case 3 -> new Field("null", null);
      case 4 ->
          new Field(
              pick(
                  "{}",
                  "{\"epoch\":\"\",\"offset\":1}",
                  "{\"epoch\":1,\"offset\":1}",
                  "{\"epoch\":\"e\",\"offset\":-1}",
                  "{\"epoch\":\"e\",\"offset\":\"1\"}",
                  "{\"epoch\":\"e\"}",
                  "{\"offset\":3}",
                  "\"e:1\"",
                  "1",
                  "[\"e\",1]",
                  "true"),
              "bad_request");
      default -> null;
    };
  }

  private Field event() {
    int p = r.nextInt(100);
    if (p < 5) {
      return new Field(pick("\"\"", "1", "null", "[]", "{}", "true"), "bad_request");
    } else if (p < 8) {
      return new Field(q("e".repeat(129 + r.nextInt(100))), "bad_request");
    } else if (p < 12) {
      return new Field(q("e".repeat(128)), null);
    }
    String name = FuzzJson.content(r, p < 20 ? 140 : 32, true);
    return new Field(
        FuzzJson.quote(name, r), name.isEmpty() || name.length() > 128 ? "bad_request" : null);
  }

  /**
   * {@code data}: any shape; sometimes sized around the frame limit, nested deep, or overflowing.
   */
  private Field data() {
    int p = r.nextInt(100);
    if (p < 10) {
      return null;
    } else if (p < 14) { // a double overflow (1e400) at the top: no valid JSON can carry it on
      return new Field(FuzzJson.overflowing(r), "bad_request");
    } else if (p < 17) { // inside a structure it is re-encoded, as a string: accepted
      return new Field("[" + FuzzJson.overflowing(r) + "]", null);
    } else if (p < 22) {
      int depth = pick(10, 100, 500, 900, 997, 1100, 1500);
      return new Field(FuzzJson.nested(r, depth), depth + 1 > 1000 ? "bad_request" : null);
    } else if (p
        < 34) { // a string padding the frame to around the limit: below, at, over, far over
      int size =
          pick(
              maxFrame - 200,
              maxFrame - 60,
              maxFrame,
              maxFrame + 1,
              2 * maxFrame,
              4 * maxFrame + 10,
              5 * maxFrame,
              17 * maxFrame);
      return new Field("\"" + "x".repeat(Math.max(0, size - 60)) + "\"", null);
    }
    return new Field(FuzzJson.value(r, p < 60 ? 60 : maxFrame / 2), null);
  }

  private Field limit() {
    return switch (r.nextInt(10)) {
      case 0, 1 -> new Field(Integer.toString(1 + r.nextInt(1000)), null);
      case 2 -> new Field(pick("1", "1000"), null);
      case 3 ->
          new Field(
              pick(
                  "0", "-1", "1001", "1.5", "1.0", "1e3", "\"10\"", "true", "99999999999999999999"),
              "bad_request");
      default -> null;
    };
  }

  private Field cursor() {
    return switch (r.nextInt(10)) {
      case 0, 1 -> new Field(FuzzJson.quote("x" + FuzzJson.content(r, 40, true), r), null);
      case 2 -> new Field(pick("\"\"", "1", "[]", "{}", "false"), "bad_request");
      default -> null;
    };
  }

  static JsonNode parse(String json) {
    try {
      return FuzzOracle.AS_SERVER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("generator made invalid JSON " + json, e);
    }
  }

  static boolean nonFinite(JsonNode n) {
    return n.isNumber() && !n.isIntegralNumber() && Double.isInfinite(n.doubleValue());
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[r.nextInt(options.length)];
  }

  private void shuffle(List<String> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      list.set(i, list.set(j, list.get(i)));
    }
  }

  /** A frame of {@code text}, masked with a random key. */
  Buffer text(String text) {
    return FuzzWire.frame(FuzzWire.TEXT, text.getBytes(StandardCharsets.UTF_8), r);
  }
}
