package io.switchboard.commands.http;

/**
 * The error codes of the commands, streams, projections and queries APIs (SPEC C2;
 * docs/commands.md), each with its HTTP status; bodies are {@code {"error":{"code","message"}}} as
 * in the server API.
 */
public enum CommandError {
  /** The body, a field (named in the message), a header or a query parameter is not valid. */
  BAD_REQUEST(400, "bad_request"),
  /** No valid user token (commands, queries) or API key (streams, projections). */
  UNAUTHORIZED(401, "unauthorized"),
  /** No command type of that name. */
  UNKNOWN_COMMAND(404, "unknown_command"),
  /** No such command (of this user), document, query or projection. */
  NOT_FOUND(404, "not_found"),
  /** The stream is not at the expected version; the error carries {@code version}, the current. */
  VERSION_CONFLICT(409, "version_conflict"),
  /** An event id is stored already. */
  DUPLICATE_EVENT(409, "duplicate_event"),
  /** A rebuild of the projection is running. */
  REBUILD_RUNNING(409, "rebuild_running"),
  /** The store is unreachable; nothing was written. */
  UNAVAILABLE(503, "unavailable");

  private final int status;
  private final String code;

  CommandError(int status, String code) {
    this.status = status;
    this.code = code;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The snake_case code in the body. */
  public String code() {
    return code;
  }
}
