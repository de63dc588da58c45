package io.switchboard.hooks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature (docs/hooks.md; in the style of Stripe and Standard Webhooks): {@code
 * v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, the secret's UTF-8 bytes as the key, the
 * timestamp the {@code Switchboard-Webhook-Timestamp} header (unix seconds).
 */
public final class Signer {
  private Signer() {}

  /** The {@code Switchboard-Webhook-Signature} header value. */
  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
