/**
 * Backend-to-client deliveries through the broker (SPEC C1 "Server API", last paragraph): a queue
 * whose messages name a room or a user, delivered, dead-lettered when they never can be, or
 * redelivered after an outage.
 */
package io.switchboard.server.consumer;
