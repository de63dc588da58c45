package io.switchboard.core;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of logs, error messages and {@code check-config} output (issue 7: "never log a
 * secret"). Connection URLs carry passwords in two places, both masked: the user-info part ({@code
 * redis://:pw@host}, {@code amqp://user:pw@host}) and query parameters whose name says secret
 * ({@code ?password=pw}, {@code &token=..}). Works on any text that contains URLs, such as a client
 * library's exception message.
 */
public final class Secrets {
  /** What replaces a secret: the three characters {@code ***}. */
  public static final String MASK = "***";

  private static final Pattern USER_INFO = Pattern.compile("(://[^:/@\\s]*:)[^@/\\s]*@");
  private static final Pattern SECRET_PARAM =
      Pattern.compile(
          "(?i)([?&;](?:password|passwd|pass|pwd|secret|token|access_token|api_key|apikey|key)=)[^&;#\\s]*");

  private Secrets() {}

  /**
   * {@code text} with every URL password and secret-named query parameter replaced by {@link
   * #MASK}: {@code amqp://u:pw@h} becomes {@code amqp://u:***@h}, {@code ?token=x} becomes {@code
   * ?token=***}; {@code null} stays {@code null}. A user name without a password is kept.
   */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String out = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
    return SECRET_PARAM.matcher(out).replaceAll("$1" + MASK);
  }
}
