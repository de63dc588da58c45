package io.switchboard.core.pubsub;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.room.Publication;
import java.util.Objects;

/**
 * What travels between gateway nodes on a {@link PubSub} channel. A room's channel (named as the
 * room) carries {@link PublicationMessage}, {@link PresenceChange} and {@link PresenceCount}; a
 * user's channel ({@link io.switchboard.core.room.RoomName#userChannel}) carries {@link
 * Notification} and {@link Disconnect}. Engines that cross a process boundary serialise these
 * records themselves; the port never exposes a wire format.
 */
public sealed interface BusMessage {

  /**
   * A room publication, already given its offset by {@link io.switchboard.core.room.RoomHistory}.
   *
   * @param publication the publication
   * @param epoch the epoch of the room's stream the offset belongs to; a receiver that sees the
   *     epoch change, or an offset that is not the next one, knows it missed publications
   */
  record PublicationMessage(Publication publication, String epoch) implements BusMessage {
    /**
     * @throws NullPointerException if {@code publication} or {@code epoch} is null
     */
    public PublicationMessage {
      Objects.requireNonNull(publication, "publication");
      Objects.requireNonNull(epoch, "epoch");
    }
  }

  /**
   * Delivery on this channel was interrupted and is restored: messages published meanwhile may be
   * lost. A {@link PubSub} engine whose connection can drop delivers this on every channel it
   * subscribed again, before any message published afterwards; receivers re-read what they can
   * (room history) and tell clients honestly what they cannot (issue 3, SPEC "Engines").
   */
  record Interrupted() implements BusMessage {
    /** The one instance; the record carries nothing, so every delivery shares it. */
    public static final Interrupted INSTANCE = new Interrupted();
  }

  /**
   * A member joined or left a room (SPEC C1 presence broadcast), published only while the room has
   * at most its namespace's {@code presenceEventsMaxMembers} members.
   *
   * @param room the room name
   * @param action join or leave
   * @param entry the member's presence entry; for a leave its {@code joinedAt} may be the time of
   *     the leave (frames do not carry it)
   */
  record PresenceChange(String room, Action action, PresenceEntry entry) implements BusMessage {
    /**
     * @throws NullPointerException if a component is null
     */
    public PresenceChange {
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(entry, "entry");
    }
  }

  /**
   * A room's member count, published by the node whose join or leave moved it across the
   * namespace's {@code presenceEventsMaxMembers}: every node then starts (above it) or stops (at or
   * below it) sending its members counts instead of join/leave frames (SPEC C1 "Rooms").
   *
   * @param room the room
   * @param count the live members after that join or leave
   */
  record PresenceCount(String room, int count) implements BusMessage {
    /**
     * @throws NullPointerException if {@code room} is null
     */
    public PresenceCount {
      Objects.requireNonNull(room, "room");
    }
  }

  /** What a {@link PresenceChange} reports. */
  enum Action {
    /** The connection joined the room. */
    JOIN,
    /** The connection left the room, closed, or its node died (its entry expired). */
    LEAVE;

    /** The lower-case wire name: {@code join} or {@code leave}. */
    public String wireName() {
      return this == JOIN ? "join" : "leave";
    }
  }

  /**
   * A message for every connection of one user, on every node (SPEC C1 "notification").
   *
   * @param user the user id ({@code sub}); published on the channel {@code user:<user>}
   * @param event the event name
   * @param data raw JSON text, spliced into the {@code notification} frame as it is
   */
  record Notification(String user, String event, String data) implements BusMessage {
    /**
     * @throws NullPointerException if a component is null
     */
    public Notification {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * Close every connection of one user, on every node, with close code 4004 (server API "disconnect
   * a user").
   *
   * @param user the user id ({@code sub}); published on the channel {@code user:<user>}
   * @param reason a short human-readable reason; carried to every node, but the close frame carries
   *     4004's fixed reason ({@code disconnected by server}), not this one
   */
  record Disconnect(String user, String reason) implements BusMessage {
    /**
     * @throws NullPointerException if a component is null
     */
    public Disconnect {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * An opaque message of a capability on a channel of its own, handed as it is to the handler the
   * capability registered for that channel (the tunnel's requests and replies between nodes, SPEC
   * C4). The gateway never reads it.
   *
   * @param payload the capability's own text (JSON for the tunnel)
   */
  record Relay(String payload) implements BusMessage {
    /**
     * @throws NullPointerException if {@code payload} is null
     */
    public Relay {
      Objects.requireNonNull(payload, "payload");
    }
  }
}
