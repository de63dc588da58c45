package io.switchboard.commands.http;

import io.vertx.core.json.JsonObject;

/**
 * A refused API request, answered with its {@link CommandError}'s status and {@code
 * {"error":{"code","message", …extra}}}. No stack trace.
 */
public final class CommandException extends RuntimeException {
  private final CommandError error;
  private final JsonObject extra;

  /**
   * @param error the code and status
   * @param message the reason, sent to the client (never a secret)
   */
  public CommandException(CommandError error, String message) {
    this(error, message, new JsonObject());
  }

  /**
   * @param error the code and status
   * @param message the reason, sent to the client (never a secret)
   * @param extra more fields of the error object, e.g. {@code version}
   */
  public CommandException(CommandError error, String message, JsonObject extra) {
    super(message, null, false, false);
    this.error = error;
    this.extra = extra.copy();
  }

  /** The code and status. */
  public CommandError error() {
    return error;
  }

  /** The error object's fields beyond code and message. */
  public JsonObject extra() {
    return extra.copy();
  }
}
