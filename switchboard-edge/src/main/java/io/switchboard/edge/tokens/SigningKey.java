package io.switchboard.edge.tokens;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A P-256 key pair that signs access tokens (ES256; SPEC C5 "tokens signed; JWKS published"; issue
 * 11 point 1), kept as a private JWK (RFC 7517/7518: {@code kty EC, crv P-256, x, y, d} base64url
 * without padding) in the store document {@code edge_keys/<kid>}.
 *
 * @param kid the key id, a random UUID, in every token's JWT header
 * @param privateJwk the JWK with {@code d}; never published
 * @param createdAt when generated; the newest key signs
 */
public record SigningKey(String kid, JsonObject privateJwk, Instant createdAt) {
  /** The JWS algorithm. */
  public static final String ALG = "ES256";

  /**
   * @throws NullPointerException if a component is null
   */
  public SigningKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(privateJwk, "privateJwk");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new key pair from the JDK's {@code secp256r1}, created at {@code now}. */
  public static SigningKey generate(Instant now) {
    KeyPair pair;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      pair = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make P-256 keys", e);
    }
    ECPublicKey pub = (ECPublicKey) pair.getPublic();
    ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
    String kid = UUID.randomUUID().toString();
    JsonObject jwk =
        new JsonObject()
            .put("kty", "EC")
            .put("crv", "P-256")
            .put("x", b64(pub.getW().getAffineX()))
            .put("y", b64(pub.getW().getAffineY()))
            .put("d", b64(priv.getS()))
            .put("kid", kid)
            .put("alg", ALG)
            .put("use", "sig");
    return new SigningKey(kid, jwk, now);
  }

  /** The public JWK as published in the JWKS: {@code kty, crv, x, y, kid, alg, use}. */
  public JsonObject publicJwk() {
    JsonObject pub = privateJwk.copy();
    pub.remove("d");
    return pub;
  }

  /** The stored document: {@code {kid, createdAt, jwk}}. */
  public String toDocument() {
    return new JsonObject()
        .put("kid", kid)
        .put("createdAt", createdAt.toString())
        .put("jwk", privateJwk)
        .encode();
  }

  /**
   * @throws RuntimeException if {@code json} is not a stored key
   */
  public static SigningKey fromDocument(String json) {
    JsonObject o = new JsonObject(json);
    return new SigningKey(
        o.getString("kid"), o.getJsonObject("jwk"), Instant.parse(o.getString("createdAt")));
  }

  /** A coordinate as 32 unsigned big-endian bytes, base64url without padding. */
  private static String b64(BigInteger n) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }
}
