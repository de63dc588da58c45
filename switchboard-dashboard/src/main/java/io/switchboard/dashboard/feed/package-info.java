/**
 * The stats frame each node publishes to {@code sys:metrics} every {@code dashboard.period}: read
 * from the node's Micrometer registry and its gateway, with rates from the previous reading.
 */
package io.switchboard.dashboard.feed;
