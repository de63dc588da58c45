package io.switchboard.edge.password;

/**
 * The seed's password rule (seed 002 auth service; SPEC C5 "password ≥ 8 chars with upper, lower,
 * digit and special"): at least 8 characters, at most {@link #MAX_LENGTH}, with an upper-case
 * letter, a lower-case letter, a digit and a special character (anything that is not a letter or a
 * digit, spaces included).
 */
public final class PasswordPolicy {
  /** Longest password accepted, in characters: bounds the hashing work one request can ask for. */
  public static final int MAX_LENGTH = 256;

  private PasswordPolicy() {}

  /**
   * The first rule {@code password} breaks, as a message for a 400, or {@code null} when it keeps
   * them all.
   */
  public static String violation(String password) {
    if (password == null || password.length() < 8) {
      return "password must be at least 8 characters";
    }
    if (password.length() > MAX_LENGTH) {
      return "password must be at most " + MAX_LENGTH + " characters";
    }
    if (password.chars().noneMatch(Character::isUpperCase)) {
      return "password must contain an upper-case letter";
    }
    if (password.chars().noneMatch(Character::isLowerCase)) {
      return "password must contain a lower-case letter";
    }
    if (password.chars().noneMatch(Character::isDigit)) {
      return "password must contain a digit";
    }
    if (password.chars().allMatch(Character::isLetterOrDigit)) {
      return "password must contain a special character";
    }
    return null;
  }
}
