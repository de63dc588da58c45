package io.switchboard.server.config;

import java.time.Duration;

/**
 * The edge's users and sign-in (SPEC C5, seed 002's auth service; issue 11 point 1): {@code POST
 * /api/v1/auth/register|login|validate}, {@code GET /api/v1/auth/profile} and {@code GET
 * /.well-known/jwks.json}, served by the {@code switchboard-edge} module (docs/edge.md).
 *
 * @param enabled whether the node serves the auth routes and the JWKS, default true
 * @param issuer the {@code iss} of the access tokens the node signs (and requires when it verifies
 *     them), default {@code switchboard}
 * @param accessTtl how long an access token is valid after it is issued, default 15 min
 * @param argon2MemoryKib Argon2id memory cost in KiB, default 19456 (19 MiB, the OWASP baseline)
 * @param argon2Iterations Argon2id passes over the memory, default 2
 * @param argon2Parallelism Argon2id lanes, default 1
 * @param loginFailuresPerAccount failed logins one email may have per minute before 429, default 5
 * @param loginFailuresPerIp failed logins one client IP may have per minute before 429, default 20
 */
public record EdgeConfig(
    boolean enabled,
    String issuer,
    Duration accessTtl,
    int argon2MemoryKib,
    int argon2Iterations,
    int argon2Parallelism,
    int loginFailuresPerAccount,
    int loginFailuresPerIp) {
  /** Enabled, {@code switchboard}, 15 min, 19456 KiB, 2, 1, 5/min per account, 20/min per IP. */
  public static final EdgeConfig DEFAULT =
      new EdgeConfig(true, "switchboard", Duration.ofMinutes(15), 19_456, 2, 1, 5, 20);

  /** A copy with other Argon2id parameters (KiB, passes, lanes). */
  public EdgeConfig withArgon2(int memoryKib, int iterations, int parallelism) {
    return new EdgeConfig(
        enabled,
        issuer,
        accessTtl,
        memoryKib,
        iterations,
        parallelism,
        loginFailuresPerAccount,
        loginFailuresPerIp);
  }

  /** A copy with another {@code accessTtl}. */
  public EdgeConfig withAccessTtl(Duration accessTtl) {
    return new EdgeConfig(
        enabled,
        issuer,
        accessTtl,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        loginFailuresPerAccount,
        loginFailuresPerIp);
  }

  /** A copy with other login failure limits (per minute). */
  public EdgeConfig withLoginFailures(int perAccount, int perIp) {
    return new EdgeConfig(
        enabled,
        issuer,
        accessTtl,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        perAccount,
        perIp);
  }
}
