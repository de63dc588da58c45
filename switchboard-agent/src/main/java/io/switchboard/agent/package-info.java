/**
 * The Switchboard tunnel agent (SPEC C4, seed 000's customer-side controller): a process inside the
 * customer's network that dials out over WebSocket to a Switchboard node ({@code GET
 * /event/ws?project_id=}), receives request envelopes {@code {id, project_id, type, data}} and
 * answers each by forwarding it to a configured local HTTP service ({@link
 * io.switchboard.agent.route}, {@link io.switchboard.agent.forward}). {@link
 * io.switchboard.agent.Agent} keeps the connection (backoff, idle detection) and dispatches; {@link
 * io.switchboard.agent.AgentMain} is the command line. Depends on no other Switchboard module: the
 * customer installs only this (docs/agent.md).
 */
package io.switchboard.agent;
