/**
 * The outbox relay (issue 8; research/workflow-cqrs-tunnel.md B3, B7): publishes what store
 * transactions wrote to their outbox to the broker, at least once, in commit order per ordering
 * key, with publisher confirms, woken by the store and polling as a fallback.
 */
package io.switchboard.core.outbox;
