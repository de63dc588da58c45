/**
 * HTTP rate limits on every route (SPEC C5; issue 11 point 2): {@link
 * io.switchboard.server.limit.HttpRateLimit} counts each request against its caller's token bucket
 * on the {@link io.switchboard.core.limit.RateLimits} engine port and answers 429 with {@code
 * Retry-After} over the limit.
 */
package io.switchboard.server.limit;
