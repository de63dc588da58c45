package io.switchboard.edge.http;

import io.switchboard.edge.password.PasswordPolicy;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * A checked {@code POST /api/v1/auth/register} body (seed 002: {@code {email, password, firstName,
 * lastName, role?}}). {@code role} is ignored: every self-registered user is {@code user} (issue 11
 * point 1; docs/edge.md "Roles").
 *
 * @param email an address of at most 254 characters, {@code local@domain.tld}
 * @param password keeps {@link PasswordPolicy}
 * @param firstName 1–100 characters, trimmed, no control characters
 * @param lastName as {@code firstName}
 */
record Registration(String email, String password, String firstName, String lastName) {
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  /**
   * @throws BadRequestException naming the first field or rule that is not kept
   */
  static Registration parse(JsonObject body) {
    String email = email(Replies.text(body, "email"));
    String password = body.getValue("password") instanceof String p ? p : null;
    String broken = PasswordPolicy.violation(password);
    if (broken != null) {
      throw new BadRequestException(broken);
    }
    return new Registration(email, password, name(body, "firstName"), name(body, "lastName"));
  }

  /** {@code email} if it is an address, else a {@link BadRequestException}. */
  static String email(String email) {
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw new BadRequestException("email is not a valid address");
    }
    return email;
  }

  private static String name(JsonObject body, String field) {
    String v = Replies.text(body, field).strip();
    if (v.isEmpty() || v.length() > 100 || v.chars().anyMatch(Character::isISOControl)) {
      throw new BadRequestException(field + " must be 1 to 100 characters");
    }
    return v;
  }
}
