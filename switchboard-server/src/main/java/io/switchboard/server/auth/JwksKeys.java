package io.switchboard.server.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The usable signing keys of a JWKS document for one algorithm (issue 7 part 2, point 1). A key is
 * usable when its {@code use} is absent or {@code sig}, its {@code kty} is {@code RSA} for RS256 or
 * {@code EC} with {@code crv P-256} for ES256, its {@code alg} is absent or the configured one, and
 * its public key decodes. Everything else is left out, so that Vert.x is never handed a key set it
 * would silently shrink to nothing (its unverified mode).
 *
 * @param keys the usable JWKs, each with {@code alg} set to the configured algorithm
 * @param kids the {@code kid}s among them
 */
record JwksKeys(List<JsonObject> keys, Set<String> kids) {

  /**
   * Selects the usable keys of a JWKS document.
   *
   * @param document the JWKS, {@code {"keys":[...]}}
   * @param algorithm {@code RS256} or {@code ES256}
   * @return at least one key
   * @throws IllegalArgumentException when the document is malformed or has no usable key; the
   *     message says why (never key material)
   */
  static JwksKeys select(JsonObject document, String algorithm) {
    String kty = kty(algorithm);
    Object array = document.getValue("keys");
    if (!(array instanceof JsonArray keys)) {
      throw new IllegalArgumentException("the JWKS has no \"keys\" array");
    }
    List<JsonObject> usable = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    for (Object k : keys) {
      if (k instanceof JsonObject jwk && usable(jwk, algorithm)) {
        usable.add(jwk.copy().put("alg", algorithm));
        if (jwk.getValue("kid") instanceof String kid) {
          kids.add(kid);
        }
      }
    }
    if (usable.isEmpty()) {
      throw new IllegalArgumentException(
          "the JWKS has no usable signing key for "
              + algorithm
              + " ("
              + keys.size()
              + " keys; needed: kty "
              + kty
              + ", use sig or none, alg "
              + algorithm
              + " or none)");
    }
    return new JwksKeys(List.copyOf(usable), Set.copyOf(kids));
  }

  private static String kty(String algorithm) {
    return switch (algorithm) {
      case "RS256" -> "RSA";
      case "ES256" -> "EC (P-256)";
      default ->
          throw new IllegalArgumentException(
              algorithm + " cannot be used with a JWKS (allowed: RS256, ES256)");
    };
  }

  private static boolean usable(JsonObject jwk, String algorithm) {
    Object use = jwk.getValue("use");
    Object alg = jwk.getValue("alg");
    if ((use != null && !"sig".equals(use)) || (alg != null && !algorithm.equals(alg))) {
      return false;
    }
    try {
      if ("RS256".equals(algorithm) && "RSA".equals(jwk.getValue("kty"))) {
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(number(jwk, "n"), number(jwk, "e")));
        return true;
      }
      if ("ES256".equals(algorithm)
          && "EC".equals(jwk.getValue("kty"))
          && "P-256".equals(jwk.getValue("crv"))) {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        ECPoint w = new ECPoint(number(jwk, "x"), number(jwk, "y"));
        KeyFactory.getInstance("EC")
            .generatePublic(new ECPublicKeySpec(w, p.getParameterSpec(ECParameterSpec.class)));
        return true;
      }
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      return false;
    }
    return false;
  }

  private static BigInteger number(JsonObject jwk, String field) {
    String text = (String) jwk.getValue(field);
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return new BigInteger(1, Base64.getUrlDecoder().decode(text));
  }
}
