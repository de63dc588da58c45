/**
 * Delivery of signals to targets (webhook endpoints, the Telegram chat): a bounded in-memory queue
 * per node, retries with exponential backoff and jitter, dead letters and per-endpoint state on the
 * store, metrics.
 */
package io.switchboard.hooks.delivery;
