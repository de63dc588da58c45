package io.switchboard.core.presence;

/**
 * The outcome of a presence write (SPEC C1 "Rooms": join/leave frames stop above a member count).
 *
 * @param changed for an add, whether the connection was not a live member before; for a remove,
 *     whether it was one (an entry expired but not yet swept counts as absent)
 * @param members how many live members the room has after the write, cluster-wide
 */
public record PresenceUpdate(boolean changed, int members) {}
