package io.switchboard.server.config;

import java.time.Duration;

/**
 * How client tokens (JWT) are verified (SPEC C1 "Authentication"). Exactly one key source is
 * used: {@code hmacSecret} for HS256, {@code publicKey} (PEM) for RS256/ES256, or {@code
 * jwksUrl}. Secrets should come from the environment ({@code SWITCHBOARD_AUTH_HMAC_SECRET}),
 * never the YAML file in a repository; they are never logged.
 *
 * @param algorithm {@code HS256}, {@code RS256} or {@code ES256}; default HS256
 * @param hmacSecret the HS256 secret, at least 32 bytes; also signs {@code switchboard token}
 * @param publicKey a PEM public key for RS256/ES256
 * @param jwksUrl an https or http URL of a JWKS document, fetched at start and refreshed
 * @param jwksRefresh how often the JWKS is fetched again, default 1 h (seed 003)
 * @param issuer when non-empty, the {@code iss} every token must carry
 * @param audience when non-empty, a value the token's {@code aud} must contain
 * @param anonymous whether connections without a token are accepted (as user {@code null})
 */
public record AuthConfig(
    String algorithm,
    String hmacSecret,
    String publicKey,
    String jwksUrl,
    Duration jwksRefresh,
    String issuer,
    String audience,
    boolean anonymous) {

  public static final AuthConfig DEFAULT =
      new AuthConfig("HS256", "", "", "", Duration.ofHours(1), "", "", false);

  /** Hides the secret from logs and {@code check-config} output. */
  @Override
  public String toString() {
    return "AuthConfig[algorithm=" + algorithm + ", hmacSecret=" + (hmacSecret.isEmpty() ? "" : "***")
        + ", publicKey=" + (publicKey.isEmpty() ? "" : "<pem>") + ", jwksUrl=" + jwksUrl
        + ", issuer=" + issuer + ", audience=" + audience + ", anonymous=" + anonymous + "]";
  }
}
