/**
 * Completions that workers publish to {@code step.completed} (SPEC C3: "workers can also report
 * completion by publishing to {@code step.completed}"; issue 9 point 2), consumed from a durable
 * queue with the same rules as the HTTP completion ({@link
 * io.switchboard.workflows.consumer.CompletionConsumer}).
 */
package io.switchboard.workflows.consumer;
