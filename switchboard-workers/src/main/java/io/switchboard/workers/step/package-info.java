/**
 * One step worker (issue 9 point 7): the {@code workflow.next_step} message as received, the {@link
 * io.switchboard.workers.step.StepWork} a worker runs, the bounded cache of recent message ids that
 * makes a redelivery cheap and reported once, and {@link io.switchboard.workers.step.StepWorker},
 * which ties them to a queue of the broker.
 */
package io.switchboard.workers.step;
