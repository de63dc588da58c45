package io.switchboard.server.gateway;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.room.Publication;
import java.util.List;

/**
 * What a {@code joined} reply carries (SPEC C1 "Join is consistent").
 *
 * @param room the room
 * @param epoch the stream's epoch (what the client sends back in {@code since})
 * @param offset the offset the client is at: live events continue from {@code offset + 1}
 * @param presence members, oldest join first, at most the namespace's {@code presenceListLimit}; an
 *     empty list when the namespace does not track presence
 * @param presenceCount how many members the room has (0 when presence is not tracked)
 * @param snapshotEvent the snapshot's event name, or {@code null}
 * @param snapshotOffset the offset the snapshot reflects; 0 without a snapshot
 * @param snapshotData the decompressed snapshot JSON text, or {@code null} for none
 * @param history publications after the snapshot (or after {@code since}), offset order
 * @param recovered whether the client's {@code since} position was fully recovered
 */
public record JoinedState(
    String room,
    String epoch,
    long offset,
    List<PresenceEntry> presence,
    int presenceCount,
    String snapshotEvent,
    long snapshotOffset,
    String snapshotData,
    List<Publication> history,
    boolean recovered) {}
