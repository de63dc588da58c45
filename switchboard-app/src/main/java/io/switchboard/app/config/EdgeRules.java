package io.switchboard.app.config;

import io.switchboard.server.config.EdgeConfig;
import io.switchboard.server.config.LogConfig;
import io.switchboard.server.config.RateLimitConfig;
import java.time.Duration;

/**
 * The {@code edge.*} rules of {@link ConfigValidator} (SPEC C5; issue 11 point 1): an issuer, an
 * access token lifetime of 1 s to 24 h, Argon2id parameters the algorithm accepts (RFC 9106: at
 * least 8 KiB per lane; bounded so one login cannot take the node's memory), positive login failure
 * limits.
 */
final class EdgeRules {
  /** Most Argon2id memory per hash, KiB (1 GiB): each concurrent login or registration takes it. */
  static final int MAX_MEMORY_KIB = 1 << 20;

  private EdgeRules() {}

  /** Adds the errors of {@code e} to {@code v}, in component order. */
  static void check(ConfigValidator v, EdgeConfig e) {
    v.check(
        e.issuer() != null && !e.issuer().isBlank() && e.issuer().length() <= 200,
        "edge.issuer",
        "is empty or too long",
        "1 to 200 characters, the iss of the tokens");
    Duration ttl = e.accessTtl();
    v.check(
        ttl != null
            && ttl.compareTo(Duration.ofSeconds(1)) >= 0
            && ttl.compareTo(Duration.ofHours(24)) <= 0,
        "edge.accessTtl",
        (ttl == null ? "missing" : Durations.format(ttl)) + " is out of range",
        "1s to 24h; access tokens are meant to be short-lived");
    v.check(
        e.argon2Parallelism() >= 1 && e.argon2Parallelism() <= 255,
        "edge.argon2Parallelism",
        e.argon2Parallelism() + " is out of range",
        "1..255");
    v.check(
        e.argon2MemoryKib() >= 8 * Math.max(1, e.argon2Parallelism())
            && e.argon2MemoryKib() <= MAX_MEMORY_KIB,
        "edge.argon2MemoryKib",
        e.argon2MemoryKib() + " is out of range",
        "8 x edge.argon2Parallelism.." + MAX_MEMORY_KIB + " (KiB)");
    v.check(
        e.argon2Iterations() >= 1 && e.argon2Iterations() <= 100,
        "edge.argon2Iterations",
        e.argon2Iterations() + " is out of range",
        "1..100");
    v.atLeastOne("edge.loginFailuresPerAccount", e.loginFailuresPerAccount());
    v.atLeastOne("edge.loginFailuresPerIp", e.loginFailuresPerIp());
  }

  /** Adds the errors of {@code r} ({@code rateLimits.*}) to {@code v}. */
  static void check(ConfigValidator v, RateLimitConfig r) {
    v.atLeastOne("rateLimits.ipPerSecond", r.ipPerSecond());
    v.atLeastOne("rateLimits.ipBurst", r.ipBurst());
    v.atLeastOne("rateLimits.userPerSecond", r.userPerSecond());
    v.atLeastOne("rateLimits.userBurst", r.userBurst());
    v.check(
        r.keyPerSecond() >= 0,
        "rateLimits.keyPerSecond",
        r.keyPerSecond() + " is negative",
        "0 (server keys unlimited) or more");
    v.atLeastOne("rateLimits.keyBurst", r.keyBurst());
  }

  /** Adds the errors of {@code l} ({@code log.*}) to {@code v}. */
  static void check(ConfigValidator v, LogConfig l) {
    v.check(
        "text".equals(l.format()) || "json".equals(l.format()),
        "log.format",
        "'" + l.format() + "' is not a log format",
        "text or json");
  }
}
