/**
 * Operations endpoints (SPEC "Operations"): {@code /health}, {@code /health/ready}, and the
 * Prometheus metrics of {@code /metrics}, all unauthenticated and free of user data.
 */
package io.switchboard.server.ops;
