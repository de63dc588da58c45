package io.switchboard.core.store;

/**
 * Where an event comes from (issue 8: "event metadata: command id, user, correlation and causation
 * ids, time"). Never a secret: no token, key or password goes here.
 *
 * @param commandId the command that produced the event, or {@code null} (an event appended over the
 *     streams API without one)
 * @param user the user who sent the command, or {@code null} for a backend
 * @param correlationId the id shared by everything one original request caused (the first command's
 *     id when nothing else is given), or {@code null}
 * @param causationId the id of the message that directly caused this event (the command id), or
 *     {@code null}
 */
public record EventMetadata(
    String commandId, String user, String correlationId, String causationId) {
  /** No metadata. */
  public static final EventMetadata NONE = new EventMetadata(null, null, null, null);
}
