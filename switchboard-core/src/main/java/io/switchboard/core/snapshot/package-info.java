/**
 * Room snapshots (SPEC C1 "Join is consistent"): the {@link
 * io.switchboard.core.snapshot.SnapshotStore} port (newer or equal offset wins) and the gzip codec
 * the snapshot data is stored with.
 */
package io.switchboard.core.snapshot;
