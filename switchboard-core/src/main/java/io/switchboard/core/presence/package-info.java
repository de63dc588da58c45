/**
 * Room presence across the cluster (SPEC "Engines", presence; SPEC C1 "Rooms"): the {@link
 * io.switchboard.core.presence.PresenceStore} port, whose every operation costs at most the page it
 * returns, its entries, pages and cursors.
 */
package io.switchboard.core.presence;
