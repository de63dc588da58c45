package io.switchboard.server.signal;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A fact announced on the node where it happened (issue 11 point 3), e.g. {@code
 * workflow.completed} for workflow {@code wf-1} of user {@code alice}.
 *
 * @param id the signal's id; {@link #of} derives it from type and subject, so a fact announced
 *     again (a redelivered command reporting its outcome again) keeps its id and receivers can drop
 *     the duplicate
 * @param type dotted, lower case: {@code command.applied}, {@code command.rejected}, {@code
 *     workflow.completed|failed|cancelled}, {@code agent.connected|disconnected}
 * @param subject what it is about: a command id, a workflow id, a tunnel project id
 * @param user the user it concerns, or {@code null} (agents)
 * @param data the details, JSON; never a secret
 * @param at when it happened
 */
public record Signal(
    UUID id, String type, String subject, String user, JsonObject data, Instant at) {

  /**
   * @throws NullPointerException if a component other than {@code user} is null
   */
  public Signal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(at, "at");
  }

  /**
   * A signal stamped now whose id is the name-based UUID of {@code type + " " + subject + " " +
   * discriminator}.
   *
   * @param discriminator what makes two facts of one type and subject distinct (e.g. a tunnel
   *     connection id and its connect time); empty when there is only one such fact
   */
  public static Signal of(
      String type, String subject, String discriminator, String user, JsonObject data) {
    String name = type + " " + subject + " " + discriminator;
    return new Signal(
        UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)),
        type,
        subject,
        user,
        data,
        Instant.now());
  }

  /** The webhook payload: {@code {id, type, subject, user, data, at}} ({@code at} ISO-8601). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("type", type)
        .put("subject", subject)
        .put("user", user)
        .put("data", data.copy())
        .put("at", at.toString());
  }
}
