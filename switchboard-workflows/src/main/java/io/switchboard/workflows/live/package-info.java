/**
 * Live updates of a workflow (SPEC C3; seed 002 {@code websocket/hub.go}; issue 9 point 1): the
 * seed's frames published to the room {@code workflow:<id>} after each transition ({@link
 * io.switchboard.workflows.live.LiveFrames}), and the join check that lets only the owner (or an
 * admin) in and serves the seed's watch socket ({@link
 * io.switchboard.workflows.live.WorkflowAccess}).
 */
package io.switchboard.workflows.live;
