package io.switchboard.engine.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.switchboard.core.JsonStrings;
import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Compact JSON form of {@link BusMessage} on Redis channels and in room streams (issue 3 point 1).
 * One object per message, {@code t} names the kind:
 *
 * <ul>
 *   <li>{@code p} publication: {@code r} room, {@code e} event, {@code d} data, {@code f} from
 *       (absent when null), {@code o} offset, {@code ts} epoch ms — {@code o} and {@code ts} come
 *       last so the publish Lua script can append them to {@link #publicationHead}; on a channel
 *       (not in the stored history) {@code ep} the stream's epoch follows;
 *   <li>{@code j}/{@code l} presence join/leave: {@code r} room, {@code c} connection, {@code u}
 *       user (absent when null), {@code n} node, {@code at} joined-at epoch ms;
 *   <li>{@code k} presence count: {@code r} room, {@code k} live members;
 *   <li>{@code n} notification: {@code u} user, {@code e} event, {@code d} data;
 *   <li>{@code x} disconnect: {@code u} user, {@code why} reason;
 *   <li>{@code r} relay (a capability's own message): {@code d} payload.
 * </ul>
 *
 * Data (raw JSON text) travels as a JSON string, so it round-trips character for character.
 */
public final class BusMessageCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private BusMessageCodec() {}

  /**
   * Encodes a message for a channel: one JSON object as described above; a publication carries
   * {@code ep}.
   *
   * @param message any kind of {@link BusMessage} but {@link BusMessage.Interrupted}, which never
   *     crosses Redis (a {@link ClassCastException} if given)
   * @return the JSON text
   */
  public static String encode(BusMessage message) {
    if (message instanceof BusMessage.PublicationMessage p) {
      String stored = encode(p.publication());
      return stored.substring(0, stored.length() - 1) + ",\"ep\":" + q(p.epoch()) + "}";
    }
    if (message instanceof BusMessage.PresenceChange c) {
      return presence(c.action() == BusMessage.Action.JOIN ? "j" : "l", c.room(), c.entry());
    }
    if (message instanceof BusMessage.PresenceCount k) {
      return "{\"t\":\"k\",\"r\":" + q(k.room()) + ",\"k\":" + k.count() + "}";
    }
    if (message instanceof BusMessage.Notification n) {
      return "{\"t\":\"n\",\"u\":"
          + q(n.user())
          + ",\"e\":"
          + q(n.event())
          + ",\"d\":"
          + q(n.data())
          + "}";
    }
    if (message instanceof BusMessage.Relay r) {
      return "{\"t\":\"r\",\"d\":" + q(r.payload()) + "}";
    }
    BusMessage.Disconnect d = (BusMessage.Disconnect) message;
    return "{\"t\":\"x\",\"u\":" + q(d.user()) + ",\"why\":" + q(d.reason()) + "}";
  }

  /**
   * Encodes a publication in its stored form, without {@code ep}: the same text the publish script
   * stores in the room's stream.
   *
   * @param p the publication
   * @return the JSON text
   */
  public static String encode(Publication p) {
    return publicationHead(p.room(), new PublicationDraft(p.event(), p.data(), p.from()))
        + p.offset()
        + ",\"ts\":"
        + p.ts()
        + "}";
  }

  /**
   * The start of an encoded publication, up to and including {@code "o":}; appending {@code
   * <offset>,"ts":<ts>}} completes it (the publish script does, once it knows both).
   *
   * @param room the room name
   * @param draft the event, data and publisher
   * @return the JSON text up to the offset
   */
  public static String publicationHead(String room, PublicationDraft draft) {
    StringBuilder b = new StringBuilder(64 + draft.data().length());
    b.append("{\"t\":\"p\",\"r\":")
        .append(q(room))
        .append(",\"e\":")
        .append(q(draft.event()))
        .append(",\"d\":")
        .append(q(draft.data()));
    if (draft.from() != null) {
      b.append(",\"f\":").append(q(draft.from()));
    }
    return b.append(",\"o\":").toString();
  }

  /**
   * Decodes a message of any kind; a publication without {@code ep} (the stored form) gets the
   * epoch {@code ""}.
   *
   * @param text one flat JSON object of strings, integers and nulls
   * @return the message
   * @throws IllegalArgumentException if the text is not such an object, names an unknown kind or
   *     lacks a required field
   */
  public static BusMessage decode(String text) {
    try {
      JsonObject j = flat(text);
      String t = j.getString("t", "");
      return switch (t) {
        case "p" ->
            new BusMessage.PublicationMessage(
                new Publication(
                    j.getString("r"),
                    j.getLong("o"),
                    j.getString("e"),
                    j.getString("d"),
                    j.getString("f"),
                    j.getLong("ts")),
                j.getString("ep", ""));
        case "j", "l" ->
            new BusMessage.PresenceChange(
                j.getString("r"),
                t.equals("j") ? BusMessage.Action.JOIN : BusMessage.Action.LEAVE,
                new PresenceEntry(
                    j.getString("c"), j.getString("u"), j.getString("n"), j.getLong("at")));
        case "n" ->
            new BusMessage.Notification(j.getString("u"), j.getString("e"), j.getString("d"));
        case "x" -> new BusMessage.Disconnect(j.getString("u"), j.getString("why"));
        case "r" -> new BusMessage.Relay(j.getString("d"));
        case "k" -> new BusMessage.PresenceCount(j.getString("r"), Math.toIntExact(j.getLong("k")));
        default -> throw new IllegalArgumentException("unknown bus message kind: " + t);
      };
    } catch (IOException | NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException("malformed bus message", e);
    }
  }

  /**
   * A flat object of strings, integers and nulls, read with Jackson's streaming parser (every
   * delivery on every node decodes one, so no data binding).
   */
  private static JsonObject flat(String text) throws IOException {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("malformed bus message: not an object");
      }
      Map<String, Object> fields = new HashMap<>(16);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (value) {
          case VALUE_STRING -> fields.put(name, p.getText());
          case VALUE_NUMBER_INT -> fields.put(name, p.getLongValue());
          case VALUE_NULL -> fields.put(name, null);
          default ->
              throw new IllegalArgumentException("malformed bus message: " + value + " in " + name);
        }
      }
      return new JsonObject(fields);
    }
  }

  /** A presence entry as stored in the presence hash (the connection is the hash field). */
  static String encodeEntry(PresenceEntry e) {
    return presence("e", null, e);
  }

  /** The entry of {@code connection} from its stored form. */
  static PresenceEntry decodeEntry(String connection, String text) {
    JsonObject j = new JsonObject(text);
    return new PresenceEntry(connection, j.getString("u"), j.getString("n"), j.getLong("at"));
  }

  private static String presence(String t, String room, PresenceEntry e) {
    StringBuilder b = new StringBuilder(96).append("{\"t\":\"").append(t).append('"');
    if (room != null) {
      b.append(",\"r\":").append(q(room));
    }
    b.append(",\"c\":").append(q(e.connection()));
    if (e.user() != null) {
      b.append(",\"u\":").append(q(e.user()));
    }
    return b.append(",\"n\":")
        .append(q(e.node()))
        .append(",\"at\":")
        .append(e.joinedAt())
        .append('}')
        .toString();
  }

  private static String q(String s) {
    return JsonStrings.quote(s);
  }
}
