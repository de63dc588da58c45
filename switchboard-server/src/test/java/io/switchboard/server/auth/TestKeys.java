package io.switchboard.server.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** Key pairs, PEM and JWK encodings, and signed or unsigned JWTs for the token tests. */
final class TestKeys {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private TestKeys() {}

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static String publicPem(KeyPair keys) {
    return pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWK of an RSA or EC key pair, {@code use: sig}; {@code alg} left out when null. */
  static JsonObject jwk(KeyPair keys, String kid, String alg) {
    JsonObject jwk = new JsonObject().put("kid", kid).put("use", "sig");
    if (alg != null) {
      jwk.put("alg", alg);
    }
    if (keys.getPublic() instanceof RSAPublicKey pub) {
      return jwk.put("kty", "RSA")
          .put("n", b64(pub.getModulus(), 0))
          .put("e", b64(pub.getPublicExponent(), 0));
    }
    ECPublicKey pub = (ECPublicKey) keys.getPublic();
    return jwk.put("kty", "EC")
        .put("crv", "P-256")
        .put("x", b64(pub.getW().getAffineX(), 32))
        .put("y", b64(pub.getW().getAffineY(), 32));
  }

  private static String b64(BigInteger n, int length) {
    byte[] b = n.toByteArray();
    if (b[0] == 0 && b.length > 1) {
      b = Arrays.copyOfRange(b, 1, b.length);
    }
    if (b.length < length) {
      byte[] padded = new byte[length];
      System.arraycopy(b, 0, padded, length - b.length, b.length);
      b = padded;
    }
    return B64URL.encodeToString(b);
  }

  /**
   * A token for {@code user} expiring in 10 minutes, signed with the private key, {@code kid} when
   * not null.
   */
  static String sign(Vertx vertx, String alg, KeyPair keys, String kid, String user) {
    return sign(vertx, alg, keys, kid, new JsonObject().put("sub", user), 600);
  }

  /**
   * A token with {@code claims}, an {@code exp} {@code ttl} seconds from now unless {@code ttl} is
   * 0.
   */
  static String sign(
      Vertx vertx, String alg, KeyPair keys, String kid, JsonObject claims, int ttl) {
    PubSecKeyOptions key =
        new PubSecKeyOptions()
            .setAlgorithm(alg)
            .setBuffer(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    if (kid != null) {
      key.setId(kid);
    }
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key));
    return signer.generateToken(
        claims, new JWTOptions().setAlgorithm(alg).setExpiresInSeconds(ttl));
  }

  /**
   * An HS256 token with {@code claims} signed with {@code secret}, {@code exp} as in the claims.
   */
  static String hmac(Vertx vertx, String secret, JsonObject claims) {
    JWTAuth signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    return signer.generateToken(claims, new JWTOptions());
  }

  /**
   * An unsigned token built by hand: header {@code {"alg":"none","typ":"JWT"}}, a payload with
   * {@code sub} and an {@code exp} in 10 minutes, and an empty signature ({@code h.p.}).
   */
  static String unsigned(String user) {
    long exp = System.currentTimeMillis() / 1000 + 600;
    return segment("{\"alg\":\"none\",\"typ\":\"JWT\"}")
        + "."
        + segment("{\"sub\":\"" + user + "\",\"exp\":" + exp + "}")
        + ".";
  }

  private static String segment(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
