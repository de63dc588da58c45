package io.switchboard.commands.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A command type served by an external service (SPEC C2: "commands with no Java handler can be
 * served by external services that consume them from RabbitMQ and append events over HTTP"). It is
 * accepted and queued like any command; nothing on the node handles it. Its body is any JSON
 * object; the aggregate id is its string field {@code idField}, or, when absent, a new UUID the
 * node writes into that field.
 *
 * @param name the command type, as for {@link CommandType#name()}
 * @param aggregate the aggregate name ({@link Aggregate#name()}'s rules), the stream prefix
 * @param idField the body field holding the aggregate id, e.g. {@code orderId}
 */
public record ExternalCommand(String name, String aggregate, String idField) {
  private static final Pattern AGGREGATE = Pattern.compile("[a-z][a-z0-9_]{0,49}");

  /**
   * @throws IllegalArgumentException for a bad name or aggregate
   */
  public ExternalCommand {
    if (!EventDraft.validType(name) || name.length() > 100) {
      throw new IllegalArgumentException("not a command type: " + name);
    }
    if (aggregate == null || !AGGREGATE.matcher(aggregate).matches()) {
      throw new IllegalArgumentException("not an aggregate name: " + aggregate);
    }
    Objects.requireNonNull(idField, "idField");
  }
}
