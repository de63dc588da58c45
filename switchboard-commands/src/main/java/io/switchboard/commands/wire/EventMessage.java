package io.switchboard.commands.wire;

import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.store.EventMetadata;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An event as published from the outbox (SPEC C2; docs/commands.md "Message shapes"): exchange
 * {@code commands.eventsExchange} ({@link Topology#events()}), routing key {@code
 * <aggregate>.<type>}, AMQP message id = event id, headers {@code stream}, {@code version}, {@code
 * type}; body UTF-8 JSON {@code {id, stream, version, type, data, metadata:{commandId, user,
 * correlationId, causationId}, time}}.
 */
public final class EventMessage {
  private EventMessage() {}

  /** The broker message of an event, for the events exchange of {@code topology}. */
  public static BrokerMessage of(EventEnvelope e, Topology topology) {
    JsonObject body =
        new JsonObject()
            .put("id", e.id())
            .put("stream", e.stream())
            .put("version", e.version())
            .put("type", e.type())
            .put("data", e.data())
            .put("metadata", metadata(e.metadata()))
            .put("time", e.time());
    return new BrokerMessage(
        topology.events(),
        Topology.eventKey(e.stream(), e.type()),
        Map.of("stream", e.stream(), "version", Long.toString(e.version()), "type", e.type()),
        body.encode().getBytes(StandardCharsets.UTF_8),
        e.id());
  }

  /** Metadata as JSON; absent fields are left out. */
  public static JsonObject metadata(EventMetadata m) {
    JsonObject j = new JsonObject();
    putIf(j, "commandId", m.commandId());
    putIf(j, "user", m.user());
    putIf(j, "correlationId", m.correlationId());
    putIf(j, "causationId", m.causationId());
    return j;
  }

  private static void putIf(JsonObject j, String key, String value) {
    if (value != null) {
      j.put(key, value);
    }
  }
}
