package io.switchboard.core.limit;

import io.vertx.core.Future;

/**
 * Engine port: token buckets under a key (SPEC "Engines"; SPEC C5 "per-IP and per-user rate limits
 * ... 429"). The memory engine keeps them in the process; Redis shares them between every node on
 * the same Redis, so a client that spreads its requests over the nodes gets the limit once, not
 * once per node.
 *
 * <p>Contract, checked by {@code RateLimitsContract}: a fresh key allows {@code burst} requests at
 * once and refuses the next with a positive {@code retryAfterMillis}; tokens come back at {@code
 * perSecond}; keys are independent; a bucket left alone long enough is full again (and may be
 * forgotten by the engine).
 */
public interface RateLimits {

  /**
   * Takes one token from the bucket {@code key} under {@code rule}, or says how long to wait.
   *
   * @param key any text, e.g. {@code ip:203.0.113.7} or {@code user:alice}
   * @param rule the bucket's size and refill rate (one key should always be used with one rule)
   * @return the decision; failed if the engine is unreachable (callers decide whether to let the
   *     request through)
   */
  Future<RateDecision> take(String key, RateRule rule);
}
