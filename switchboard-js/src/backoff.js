/**
 * Exponential backoff with jitter for reconnects. The delay of attempt `n` (0-based) is
 * `min(maxDelay, minDelay * factor^n)`, then randomised down by up to `jitter` of itself
 * ("equal jitter" when jitter = 0.5): a reconnect storm after a node dies spreads over time
 * instead of hitting the next node at once. Units: milliseconds.
 */

/** @typedef {{minDelay: number, maxDelay: number, factor: number, jitter: number}} BackoffOptions */

/** Defaults: 250 ms doubling to 15 s, each delay randomised in [50 %, 100 %]. */
export const DEFAULT_BACKOFF = Object.freeze({ minDelay: 250, maxDelay: 15000, factor: 2, jitter: 0.5 });

/**
 * The delay before reconnect attempt `attempt`.
 * @param {number} attempt 0 for the first reconnect after a close, then 1, 2, ...
 * @param {Partial<BackoffOptions>} [options] bounds; missing fields take {@link DEFAULT_BACKOFF}
 * @param {() => number} [random] uniform in [0, 1), Math.random by default (tests pass their own)
 * @returns {number} delay in ms, in [ceiling * (1 - jitter), ceiling] where
 *   ceiling = min(maxDelay, minDelay * factor^attempt)
 */
export function backoffDelay(attempt, options = {}, random = Math.random) {
  const o = { ...DEFAULT_BACKOFF, ...options };
  if (!(o.minDelay >= 0) || !(o.maxDelay >= o.minDelay) || !(o.factor >= 1)) {
    throw new RangeError('backoff needs 0 <= minDelay <= maxDelay and factor >= 1');
  }
  if (!(o.jitter >= 0 && o.jitter <= 1)) throw new RangeError('backoff jitter must be in [0, 1]');
  const n = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(o.maxDelay, o.minDelay * Math.pow(o.factor, Math.min(n, 64)));
  return ceiling - ceiling * o.jitter * random();
}
