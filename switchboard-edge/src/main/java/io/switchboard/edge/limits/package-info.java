/**
 * Rate limits of the edge (SPEC C5; issue 11 point 1): in-process token buckets for failed logins
 * per account and per client IP ({@link io.switchboard.edge.limits.LoginLimiter}).
 */
package io.switchboard.edge.limits;
