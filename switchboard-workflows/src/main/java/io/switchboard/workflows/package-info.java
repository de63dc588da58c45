/**
 * Workflow orchestration (SPEC C3; seed 002; issue 9): multi-step workflows whose steps are
 * dispatched to worker services over a topic exchange, advanced by their completions (HTTP or the
 * broker), retried and timed out by durable timers, with the state in the store and live frames in
 * the room {@code workflow:<id>}. {@link io.switchboard.workflows.WorkflowsCapability} wires it
 * into a node. See docs/workflows.md.
 */
package io.switchboard.workflows;
