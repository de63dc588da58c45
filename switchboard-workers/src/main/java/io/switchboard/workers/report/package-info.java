/**
 * How a worker reports a finished step to the gateway (issue 9 points 2 and 7, SPEC C3): over HTTP
 * ({@code POST /api/v1/workflow/step-completed} with the service API key) or by publishing {@code
 * step.completed} to the workflow exchange. Both say whether the gateway took it, found it stale,
 * or refused it for good.
 */
package io.switchboard.workers.report;
