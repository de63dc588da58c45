package io.switchboard.server.gateway;

import io.switchboard.core.JsonStrings;
import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.Publication;
import io.switchboard.server.room.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes server → client frames of {@code switchboard.v1} (SPEC C1 "Server → client") as UTF-8
 * bytes. Raw JSON payloads ({@link Publication#data()}) are spliced in as they are, never
 * re-parsed; an {@code event} frame is encoded once per fan-out and the same bytes are written to
 * every subscriber. {@code rawId} is the request id as JSON text ({@link ClientRequest#rawId}),
 * written as it is; {@code null} leaves {@code id} out. Strings are JSON-escaped. Stateless and
 * thread-safe.
 */
public final class Frames {
  private Frames() {}

  /** {@code "text"} as a JSON string literal, or the text {@code null} for a null {@code text}. */
  static String quote(String text) {
    return JsonStrings.quote(text);
  }

  /** The request id as it came (JSON number or string text), or {@code null}. */
  private static String idField(String rawId) {
    return rawId == null ? "" : "\"id\":" + rawId + ",";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code {"type":"event","room","event","offset","from","data","ts"}}: {@code from} is {@code
   * null} for the server, {@code ts} epoch milliseconds.
   *
   * @param p the publication
   * @return the UTF-8 JSON
   */
  public static byte[] event(Publication p) {
    return utf8(eventJson(p));
  }

  /** The JSON text of one publication as an {@code event} frame (also used inside history). */
  static String eventJson(Publication p) {
    return "{\"type\":\"event\",\"room\":"
        + quote(p.room())
        + ",\"event\":"
        + quote(p.event())
        + ",\"offset\":"
        + p.offset()
        + ",\"from\":"
        + quote(p.from())
        + ",\"data\":"
        + p.data()
        + ",\"ts\":"
        + p.ts()
        + "}";
  }

  /**
   * {@code {"type":"welcome","data":{connection,user,node,heartbeat}}}.
   *
   * @param connection the connection id
   * @param user the user id, or {@code null} (anonymous)
   * @param node the node id
   * @param heartbeatSeconds the server ping interval, in seconds
   * @return the UTF-8 JSON
   */
  public static byte[] welcome(String connection, String user, String node, long heartbeatSeconds) {
    return utf8(
        "{\"type\":\"welcome\",\"data\":{\"connection\":"
            + quote(connection)
            + ",\"user\":"
            + quote(user)
            + ",\"node\":"
            + quote(node)
            + ",\"heartbeat\":"
            + heartbeatSeconds
            + "}}");
  }

  /** The JSON array of presence entries: {@code [{"user","connection","node"}]}. */
  static String presenceList(List<PresenceEntry> entries) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(presenceEntry(entries.get(i)));
    }
    return b.append(']').toString();
  }

  private static String presenceEntry(PresenceEntry e) {
    return "{\"user\":"
        + quote(e.user())
        + ",\"connection\":"
        + quote(e.connection())
        + ",\"node\":"
        + quote(e.node())
        + "}";
  }

  /**
   * A join/leave broadcast: {@code {"type":"presence","room","data":{action,user,connection}}},
   * {@code action} {@code join} or {@code leave}, {@code user} {@code null} when anonymous.
   *
   * @param change what the bus carried
   * @return the UTF-8 JSON
   */
  public static byte[] presenceChange(BusMessage.PresenceChange change) {
    PresenceEntry e = change.entry();
    return utf8(
        "{\"type\":\"presence\",\"room\":"
            + quote(change.room())
            + ",\"data\":{\"action\":\""
            + change.action().wireName()
            + "\",\"user\":"
            + quote(e.user())
            + ",\"connection\":"
            + quote(e.connection())
            + "}}");
  }

  /**
   * The reply to a {@code presence} request, {@code {"type":"presence","id","room","data":[{user,
   * connection,node}],"count","next"}}: {@code data} is one page of members (oldest join first),
   * {@code count} the room's member count, {@code next} the cursor of the following page or {@code
   * null} at the end.
   *
   * @param rawId the request id as JSON text, or {@code null}
   * @param room the room
   * @param page the page read from the presence store
   * @return the UTF-8 JSON
   */
  public static byte[] presence(String rawId, String room, PresencePage page) {
    return utf8(
        "{\"type\":\"presence\","
            + idField(rawId)
            + "\"room\":"
            + quote(room)
            + ",\"data\":"
            + presenceList(page.entries())
            + ",\"count\":"
            + page.count()
            + ",\"next\":"
            + quote(page.next())
            + "}");
  }

  /**
   * {@code {"type":"presence_count","room","data":{"count"}}}: a large room's member count.
   *
   * @param room the room
   * @param count its members, cluster-wide
   * @return the UTF-8 JSON
   */
  public static byte[] presenceCount(String room, int count) {
    return utf8(
        "{\"type\":\"presence_count\",\"room\":"
            + quote(room)
            + ",\"data\":{\"count\":"
            + count
            + "}}");
  }

  /**
   * {@code {"type":"notification","event","data"}}.
   *
   * @param event the event name
   * @param data raw JSON text, spliced in as it is
   * @return the UTF-8 JSON
   */
  public static byte[] notification(String event, String data) {
    return utf8("{\"type\":\"notification\",\"event\":" + quote(event) + ",\"data\":" + data + "}");
  }

  /**
   * {@code {"type":"ack","id","room","offset"}}: a publication was made at {@code offset}.
   *
   * @param rawId the request id as JSON text, or {@code null}
   * @param room the room
   * @param offset the publication's offset
   * @return the UTF-8 JSON
   */
  public static byte[] ack(String rawId, String room, long offset) {
    return utf8(
        "{\"type\":\"ack\","
            + idField(rawId)
            + "\"room\":"
            + quote(room)
            + ",\"offset\":"
            + offset
            + "}");
  }

  /**
   * {@code {"type":"left","id","room"}}.
   *
   * @param rawId the request id as JSON text, or {@code null}
   * @param room the room
   * @return the UTF-8 JSON
   */
  public static byte[] left(String rawId, String room) {
    return utf8("{\"type\":\"left\"," + idField(rawId) + "\"room\":" + quote(room) + "}");
  }

  /**
   * {@code {"type":"pong","id"}}, the reply to the {@code ping} command (not a WebSocket pong).
   *
   * @param rawId the request id as JSON text, or {@code null}
   * @return the UTF-8 JSON
   */
  public static byte[] pong(String rawId) {
    return utf8("{\"type\":\"pong\"" + (rawId == null ? "" : ",\"id\":" + rawId) + "}");
  }

  /**
   * {@code {"type":"error","id","code","message"}}; {@code id} only when the request had one.
   *
   * @param rawId the request id as JSON text, or {@code null}
   * @param code the error code ({@link ErrorCode#wire})
   * @param message a human-readable reason; never a secret
   * @return the UTF-8 JSON
   */
  public static byte[] error(String rawId, ErrorCode code, String message) {
    return utf8(
        "{\"type\":\"error\","
            + idField(rawId)
            + "\"code\":\""
            + code.wire()
            + "\",\"message\":"
            + quote(message)
            + "}");
  }

  /**
   * The {@code joined} reply: {@code data: {epoch, offset, presence[], presenceCount, snapshot,
   * history[], recovered}} where {@code snapshot} is {@code {"event","offset","data"}} or {@code
   * null} and {@code history} holds {@code event} frames in offset order. Without {@code id} it is
   * the unsolicited {@code joined} of a resync.
   *
   * @param rawId the request id as JSON text, or {@code null}
   * @param s what the reply carries
   * @return the UTF-8 JSON
   */
  public static byte[] joined(String rawId, JoinedState s) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"type\":\"joined\",")
        .append(idField(rawId))
        .append("\"room\":")
        .append(quote(s.room()))
        .append(",\"data\":{\"epoch\":")
        .append(quote(s.epoch()))
        .append(",\"offset\":")
        .append(s.offset())
        .append(",\"presence\":")
        .append(presenceList(s.presence()))
        .append(",\"presenceCount\":")
        .append(s.presenceCount())
        .append(",\"snapshot\":");
    if (s.snapshotData() == null) {
      b.append("null");
    } else {
      b.append("{\"event\":")
          .append(quote(s.snapshotEvent()))
          .append(",\"offset\":")
          .append(s.snapshotOffset())
          .append(",\"data\":")
          .append(s.snapshotData())
          .append('}');
    }
    b.append(",\"history\":[");
    List<Publication> history = s.history();
    for (int i = 0; i < history.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(eventJson(history.get(i)));
    }
    b.append("],\"recovered\":").append(s.recovered()).append("}}");
    return utf8(b.toString());
  }
}
