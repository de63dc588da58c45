/**
 * Engine port: token-bucket rate limits shared by every node on the engine ({@link
 * io.switchboard.core.limit.RateLimits}; SPEC C5 "per-IP and per-user rate limits").
 */
package io.switchboard.core.limit;
