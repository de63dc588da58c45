/**
 * Rooms and their streams (SPEC C1 "Rooms", "Join is consistent"): room names, publications with
 * offsets and an epoch, and the {@link io.switchboard.core.room.RoomHistory} port, whose publish
 * assigns the offset, appends and fans out as one step.
 */
package io.switchboard.core.room;
