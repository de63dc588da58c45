package io.switchboard.commands.intake;

import io.switchboard.commands.domain.BadCommandException;
import io.switchboard.commands.domain.BodyFields;
import io.switchboard.commands.domain.CommandType;
import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.domain.ExternalCommand;
import io.switchboard.commands.events.CommandRecords;
import io.switchboard.commands.wire.CommandMessage;
import io.switchboard.commands.wire.Topology;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Accepts commands (SPEC C2; issue 8 point 1): reads the body with the type's parser (a {@link
 * BadCommandException} names the field, nothing is written), gives the command an id, and in one
 * transaction writes the record {@code commands/<id>} (status {@code accepted}), the idempotency
 * key if any, and the outbox message that queues the command ({@link CommandMessage}, ordered by
 * stream). The relay publishes it after the commit.
 */
public final class CommandIntake {
  private final Store store;
  private final Domain domain;
  private final Topology topology;

  /**
   * @param store the store
   * @param domain the registered types
   * @param topology shards and exchanges
   */
  public CommandIntake(Store store, Domain domain, Topology topology) {
    this.store = store;
    this.domain = domain;
    this.topology = topology;
  }

  /** Whether {@code type} is a registered command type (Java-handled or external). */
  public boolean knows(String type) {
    return domain.command(type) != null || domain.external(type) != null;
  }

  /**
   * Reads a command.
   *
   * @param type a type {@link #knows} knows
   * @param user the sender
   * @param body the HTTP body
   * @param correlationId the client's correlation id, or {@code null} (then the command id)
   * @return the command, with a new id and the ids the server assigned in its body
   * @throws BadCommandException naming the field the body gets wrong
   */
  public CommandMessage prepare(String type, String user, JsonObject body, String correlationId) {
    String id = UUID.randomUUID().toString();
    String correlation = correlationId == null ? id : correlationId;
    long now = System.currentTimeMillis();
    CommandType<?, ?> java = domain.command(type);
    if (java != null) {
      return javaCommand(java, id, user, correlation, now, body);
    }
    ExternalCommand ext = domain.external(type);
    JsonObject copy = body.copy();
    if (copy.getValue(ext.idField()) == null) {
      copy.put(ext.idField(), UUID.randomUUID().toString());
    }
    String aggregateId = BodyFields.id(copy, ext.idField());
    return new CommandMessage(
        id, type, ext.aggregate() + "-" + aggregateId, user, correlation, now, copy);
  }

  private static <B> CommandMessage javaCommand(
      CommandType<B, ?> type, String id, String user, String correlation, long now, JsonObject in) {
    B body = type.parse().apply(in);
    String stream = type.aggregate().stream(type.aggregateId().apply(body));
    return new CommandMessage(
        id, type.name(), stream, user, correlation, now, JsonObject.mapFrom(body));
  }

  /**
   * Records and queues a command in one transaction.
   *
   * @param idempotencyKey the client's key, or {@code null}; stored as {@code <user>:<key>}
   * @return the command id: {@code command}'s, or, when the user sent the key before, the id of
   *     that first command (nothing new is written then); failed with the store's error
   */
  public Future<String> submit(CommandMessage command, String idempotencyKey) {
    String key = idempotencyKey == null ? null : command.user() + ":" + idempotencyKey;
    return store
        .transaction(
            tx -> {
              if (key != null) {
                tx.put(
                    CommandRecords.IDEMPOTENCY,
                    key,
                    new JsonObject().put("commandId", command.id()).encode(),
                    0);
              }
              JsonObject record =
                  CommandRecords.accepted(
                      command.id(),
                      command.type(),
                      command.user(),
                      command.stream(),
                      command.correlationId(),
                      command.time());
              tx.put(CommandRecords.COMMANDS, command.id(), record.encode(), 0);
              tx.outbox(command.toBroker(topology), command.stream());
              return Future.succeededFuture(command.id());
            })
        .recover(
            e ->
                e instanceof DocumentConflictException d
                        && CommandRecords.IDEMPOTENCY.equals(d.collection())
                    ? store
                        .get(CommandRecords.IDEMPOTENCY, key)
                        .map(doc -> new JsonObject(doc.json()).getString("commandId"))
                    : Future.failedFuture(e));
  }
}
