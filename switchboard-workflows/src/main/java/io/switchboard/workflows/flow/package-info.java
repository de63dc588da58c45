/**
 * How workflows advance (SPEC C3; issue 9 points 4 and 5): the rules of every transition ({@link
 * io.switchboard.workflows.flow.Rules}), each run as one store transaction that reads the workflow,
 * decides, and writes it back with the read revision together with its outbox messages and timers
 * ({@link io.switchboard.workflows.flow.Transitions}); durable timers ({@link
 * io.switchboard.workflows.flow.TimerPoller}); the list with filters and pages ({@link
 * io.switchboard.workflows.flow.Listing}); counters ({@link
 * io.switchboard.workflows.flow.WorkflowMetrics}).
 */
package io.switchboard.workflows.flow;
