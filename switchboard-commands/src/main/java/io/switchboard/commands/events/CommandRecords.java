package io.switchboard.commands.events;

import io.vertx.core.json.JsonObject;

/**
 * The documents that track commands (issue 8 point 2): {@code commands/<id>} = {@code {id, type,
 * user, stream, status, time, version?, reason?, correlationId}} with status {@code accepted},
 * {@code applied} or {@code rejected}; {@code commands.inbox/<id>}, written with the outcome so a
 * redelivered command is handled once; {@code idempotency/<user>:<key>} = {@code {commandId}}.
 */
public final class CommandRecords {
  /** Command records. */
  public static final String COMMANDS = "commands";

  /** Handled commands (the consumer's inbox). */
  public static final String INBOX = "commands.inbox";

  /** Idempotency keys. */
  public static final String IDEMPOTENCY = "idempotency";

  /** Status of a command queued and not yet handled. */
  public static final String ACCEPTED = "accepted";

  /** Status of a command whose events are appended. */
  public static final String APPLIED = "applied";

  /** Status of a command refused by its handler. */
  public static final String REJECTED = "rejected";

  private CommandRecords() {}

  /** A new record with status {@code accepted}. */
  public static JsonObject accepted(
      String id, String type, String user, String stream, String correlationId, long time) {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("user", user)
        .put("stream", stream)
        .put("status", ACCEPTED)
        .put("correlationId", correlationId)
        .put("time", time);
  }

  /** {@code record} applied at stream {@code version}. */
  public static JsonObject applied(JsonObject record, long version) {
    return record.copy().put("status", APPLIED).put("version", version);
  }

  /** {@code record} rejected with {@code reason}. */
  public static JsonObject rejected(JsonObject record, String reason) {
    return record.copy().put("status", REJECTED).put("reason", reason);
  }

  /** Whether a record's command has been handled (applied or rejected). */
  public static boolean handled(JsonObject record) {
    return !ACCEPTED.equals(record.getString("status"));
  }
}
