package io.switchboard.commands.wire;

import io.switchboard.core.broker.BrokerMessage;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A command as it travels on the broker (SPEC C2; docs/commands.md "Message shapes"): the body is
 * UTF-8 JSON {@code {id, type, stream, user, correlationId, time, body}}, the AMQP message id is
 * the command id, headers {@code type} and {@code stream}. Never a token.
 *
 * @param id the command id (a UUID)
 * @param type the command type
 * @param stream the target stream, {@code <aggregate>-<id>}
 * @param user the sender ({@code sub})
 * @param correlationId the request's correlation id (the command id unless the client gave one)
 * @param time when it was accepted, epoch milliseconds
 * @param body the command's body (with the ids the server assigned)
 */
public record CommandMessage(
    String id,
    String type,
    String stream,
    String user,
    String correlationId,
    long time,
    JsonObject body) {
  /**
   * @throws NullPointerException for a null component
   */
  public CommandMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(body, "body");
  }

  /** The JSON form. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("stream", stream)
        .put("user", user)
        .put("correlationId", correlationId)
        .put("time", time)
        .put("body", body);
  }

  /** The broker message for {@code topology}. */
  public BrokerMessage toBroker(Topology topology) {
    return new BrokerMessage(
        topology.commands(),
        topology.commandKey(type, stream),
        Map.of("type", type, "stream", stream),
        toJson().encode().getBytes(StandardCharsets.UTF_8),
        id);
  }

  /**
   * Reads a broker body.
   *
   * @throws IllegalArgumentException when it is not a command message
   */
  public static CommandMessage fromBody(byte[] body) {
    try {
      JsonObject j = new JsonObject(new String(body, StandardCharsets.UTF_8));
      return new CommandMessage(
          j.getString("id"),
          j.getString("type"),
          j.getString("stream"),
          j.getString("user"),
          j.getString("correlationId"),
          j.getLong("time", 0L),
          j.getJsonObject("body"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a command message: " + e.getMessage(), e);
    }
  }
}
