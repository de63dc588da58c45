/**
 * One request's HTTP call to the local service (SPEC C4): builds it from the request's {@code
 * data}, enforces the body limits and the timeout, and shapes the reply {@code {status, headers,
 * body}} or an {@link io.switchboard.agent.forward.AgentError}.
 */
package io.switchboard.agent.forward;
