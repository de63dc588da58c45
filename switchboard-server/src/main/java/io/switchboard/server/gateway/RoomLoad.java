package io.switchboard.server.gateway;

/**
 * One room as this node sees it (the dashboard's top rooms; issue 12 point 2).
 *
 * @param room the room name
 * @param members connections of this node in the room now
 * @param delivered publications this node delivered to the room since the room object was created
 *     (it exists while the room has local members); a rate is the difference of two readings
 */
public record RoomLoad(String room, int members, long delivered) {}
