package io.switchboard.server.config;

import java.time.Duration;

/**
 * How client tokens (JWT) are verified (SPEC C1 "Authentication"; issue 7). Exactly one key source
 * is used: {@code hmacSecret} for HS256, {@code publicKey} (PEM) for RS256/ES256, or {@code
 * jwksUrl} for RS256/ES256. A public key is never used as an HMAC secret. Secrets should come from
 * the environment ({@code SWITCHBOARD_AUTH_HMAC_SECRET}), never the YAML file in a repository; they
 * are never logged.
 *
 * @param algorithm {@code HS256}, {@code RS256} or {@code ES256}; default HS256. A token whose
 *     header {@code alg} is anything else is refused
 * @param hmacSecret the HS256 secret, at least 32 bytes; also signs {@code switchboard token}
 * @param publicKey a PEM public key for RS256/ES256 (refused with HS256)
 * @param jwksUrl an https URL of a JWKS document (RS256/ES256), fetched at start and refreshed;
 *     accepted only with at least one usable signing key for {@code algorithm}
 * @param jwksRefresh how often the JWKS is fetched again, default 1 h (seed 003)
 * @param issuer when non-empty, the {@code iss} every token must carry
 * @param audience when non-empty, a value the token's {@code aud} must contain
 * @param anonymous whether connections without a token are accepted (as user {@code null})
 * @param leeway clock skew allowed on {@code exp}, {@code nbf} and {@code iat}, whole seconds,
 *     default 5 s; {@code exp} itself is required
 * @param jwksTimeout the longest one JWKS fetch may take, default 5 s
 * @param jwksMinRefetch the shortest interval between two JWKS fetches triggered by a token with an
 *     unknown {@code kid}, default 30 s
 * @param jwksAllowHttp whether an {@code http://} {@code jwksUrl} is accepted, default false (tests
 *     and local development only: a plain-http key set can be replaced on the way)
 */
public record AuthConfig(
    String algorithm,
    String hmacSecret,
    String publicKey,
    String jwksUrl,
    Duration jwksRefresh,
    String issuer,
    String audience,
    boolean anonymous,
    Duration leeway,
    Duration jwksTimeout,
    Duration jwksMinRefetch,
    boolean jwksAllowHttp) {

  /**
   * HS256 without a secret (so no token verifies until one is set), JWKS refresh 1 h, timeout 5 s,
   * minimum refetch 30 s, no http, leeway 5 s, no issuer or audience, anonymous off.
   */
  public static final AuthConfig DEFAULT =
      new AuthConfig(
          "HS256",
          "",
          "",
          "",
          Duration.ofHours(1),
          "",
          "",
          false,
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          false);

  /**
   * The defaults with an HS256 {@code secret} (tests; {@code switchboard token} reads the loaded
   * configuration instead).
   *
   * @param secret the HMAC secret, at least 32 bytes to pass validation
   * @return the configuration
   */
  public static AuthConfig hmac(String secret) {
    return DEFAULT.withKeys("HS256", secret, "", "");
  }

  /**
   * A copy with another algorithm and key source; unused sources are {@code ""}.
   *
   * @param algorithm {@code HS256}, {@code RS256} or {@code ES256}
   * @param hmacSecret the HS256 secret or {@code ""}
   * @param publicKey a PEM public key or {@code ""}
   * @param jwksUrl a JWKS URL or {@code ""}
   * @return the copy
   */
  public AuthConfig withKeys(
      String algorithm, String hmacSecret, String publicKey, String jwksUrl) {
    return new AuthConfig(
        algorithm,
        hmacSecret,
        publicKey,
        jwksUrl,
        jwksRefresh,
        issuer,
        audience,
        anonymous,
        leeway,
        jwksTimeout,
        jwksMinRefetch,
        jwksAllowHttp);
  }

  /** A copy with another {@code anonymous}. */
  public AuthConfig withAnonymous(boolean anonymous) {
    return new AuthConfig(
        algorithm,
        hmacSecret,
        publicKey,
        jwksUrl,
        jwksRefresh,
        issuer,
        audience,
        anonymous,
        leeway,
        jwksTimeout,
        jwksMinRefetch,
        jwksAllowHttp);
  }

  /**
   * A copy with other JWKS fetch settings (refresh period, timeout, minimum refetch interval,
   * http).
   */
  public AuthConfig withJwksFetch(
      Duration jwksRefresh, Duration jwksTimeout, Duration jwksMinRefetch, boolean jwksAllowHttp) {
    return new AuthConfig(
        algorithm,
        hmacSecret,
        publicKey,
        jwksUrl,
        jwksRefresh,
        issuer,
        audience,
        anonymous,
        leeway,
        jwksTimeout,
        jwksMinRefetch,
        jwksAllowHttp);
  }

  /** A copy with another {@code leeway}. */
  public AuthConfig withLeeway(Duration leeway) {
    return new AuthConfig(
        algorithm,
        hmacSecret,
        publicKey,
        jwksUrl,
        jwksRefresh,
        issuer,
        audience,
        anonymous,
        leeway,
        jwksTimeout,
        jwksMinRefetch,
        jwksAllowHttp);
  }

  /**
   * Every component, with the HMAC secret shown as {@code ***} (or empty) and the public key as
   * {@code <pem>}, so the result may be logged.
   */
  @Override
  public String toString() {
    return "AuthConfig[algorithm="
        + algorithm
        + ", hmacSecret="
        + (hmacSecret.isEmpty() ? "" : "***")
        + ", publicKey="
        + (publicKey.isEmpty() ? "" : "<pem>")
        + ", jwksUrl="
        + jwksUrl
        + ", jwksRefresh="
        + jwksRefresh
        + ", jwksTimeout="
        + jwksTimeout
        + ", jwksMinRefetch="
        + jwksMinRefetch
        + ", jwksAllowHttp="
        + jwksAllowHttp
        + ", issuer="
        + issuer
        + ", audience="
        + audience
        + ", leeway="
        + leeway
        + ", anonymous="
        + anonymous
        + "]";
  }
}
