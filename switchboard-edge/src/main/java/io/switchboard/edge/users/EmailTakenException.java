package io.switchboard.edge.users;

/** A registration whose email (compared case-insensitively) is already registered: 409. */
public final class EmailTakenException extends RuntimeException {
  /** The message names no email. */
  public EmailTakenException() {
    super("a user with this email is already registered", null, false, false);
  }
}
