/**
 * The workflow messages on the broker (SPEC C3; seed 002 {@code events/bus.go}; issue 9 point 2):
 * the topic exchange and queue names ({@link io.switchboard.workflows.wire.Topology}) and the
 * messages with the seed's body {@code {type, workflow_id, step_id?, step_type?, payload,
 * timestamp}} ({@link io.switchboard.workflows.wire.Messages}).
 */
package io.switchboard.workflows.wire;
