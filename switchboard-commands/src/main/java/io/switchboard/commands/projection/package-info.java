/**
 * Projections inside store transactions: per-stream checkpoints, the active and building versions,
 * and the rebuild from the event store without stopping the service (SPEC C2; issue 8 point 5).
 */
package io.switchboard.commands.projection;
