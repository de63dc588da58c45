package io.switchboard.server.config;

/**
 * HTTP rate limits ({@code rateLimits.*}; SPEC C5 "per-IP and per-user rate limits"; issue 11 point
 * 2). Each request is counted against one token bucket, chosen by who it comes from:
 *
 * <ul>
 *   <li>a verified user token (bearer or cookie): the user's bucket, {@code user:<sub>};
 *   <li>a valid server API key: that key's bucket, only when {@code keyPerSecond} is set (backends
 *       publish at thousands a second; off by default);
 *   <li>anything else (anonymous) on the routes that work without a credential (sign-in, JWKS,
 *       incoming bot updates): the client address's bucket, {@code ip:<address>}. An anonymous
 *       request to a route that needs a credential is answered 401/403 by the route at no cost, so
 *       it is never answered 429 (the route-policy check stays exact).
 * </ul>
 *
 * Operations routes ({@code /health}, {@code /metrics}), CORS preflights and WebSocket upgrades
 * (which have their own connection limits) are never counted. Over the limit: 429 {@code
 * rate_limited} with {@code Retry-After} in seconds. With the Redis engine the buckets are shared
 * by every node.
 *
 * @param enabled count requests at all, default true
 * @param ipPerSecond anonymous requests per second per client address, default 1 (the seed's)
 * @param ipBurst anonymous requests at once per address, default 10 (the seed's)
 * @param userPerSecond requests per second per signed-in user, default 100 (a backstop against a
 *     runaway or abusive client: a person in a browser stays far below it)
 * @param userBurst requests at once per user, default 1000
 * @param keyPerSecond requests per second per server API key; 0, the default, does not limit keys
 * @param keyBurst requests at once per server API key, default 1000 (used when keyPerSecond &gt; 0)
 */
public record RateLimitConfig(
    boolean enabled,
    int ipPerSecond,
    int ipBurst,
    int userPerSecond,
    int userBurst,
    int keyPerSecond,
    int keyBurst) {

  /** On; anonymous 1/s burst 10 per address, users 100/s burst 1000, server keys unlimited. */
  public static final RateLimitConfig DEFAULT =
      new RateLimitConfig(true, 1, 10, 100, 1000, 0, 1000);

  /**
   * This configuration with the anonymous per-address bucket set to {@code perSecond}/{@code
   * burst}.
   */
  public RateLimitConfig withIp(int perSecond, int burst) {
    return new RateLimitConfig(
        enabled, perSecond, burst, userPerSecond, userBurst, keyPerSecond, keyBurst);
  }

  /** This configuration with the per-user bucket set to {@code perSecond}/{@code burst}. */
  public RateLimitConfig withUser(int perSecond, int burst) {
    return new RateLimitConfig(
        enabled, ipPerSecond, ipBurst, perSecond, burst, keyPerSecond, keyBurst);
  }
}
