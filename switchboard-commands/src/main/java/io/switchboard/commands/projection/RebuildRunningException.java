package io.switchboard.commands.projection;

/**
 * A rebuild was asked for while another one of the same projection is running (answered 409 {@code
 * rebuild_running}). No stack trace.
 */
public final class RebuildRunningException extends RuntimeException {
  /**
   * @param message which projection and version, for the client
   */
  public RebuildRunningException(String message) {
    super(message, null, false, false);
  }
}
