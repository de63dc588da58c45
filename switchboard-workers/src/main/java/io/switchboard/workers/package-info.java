/**
 * The example workflow step services of issue 9 point 7 (SPEC C3, seed 002): workers that consume
 * {@code step.<step_type>} from the workflow exchange, do their step and report the completion to
 * the gateway. {@link io.switchboard.workers.ExampleWorkers} runs them on any {@link
 * io.switchboard.core.broker.Broker}; the CLI's {@code switchboard worker} runs them on RabbitMQ.
 * See docs/workers.md for the message contract.
 */
package io.switchboard.workers;
