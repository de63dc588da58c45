package io.switchboard.commands.domain;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Function;

/**
 * A command type handled by plain Java (SPEC C2: "handlers … are plain Java classes registered with
 * the gateway"): how its body is read, which aggregate it targets and how it decides.
 *
 * @param name the type in {@code POST /api/v1/commands/{type}}: dot-separated words of {@code a-z
 *     A-Z 0-9 _ -}, at most 100 characters, e.g. {@code card.add}
 * @param aggregate the aggregate type it targets
 * @param bodyType the body record; it travels on the broker as JSON (Jackson), so it must survive
 *     {@code JsonObject.mapFrom} and {@code mapTo}
 * @param parse reads and checks an HTTP body, throwing {@link BadCommandException} naming the
 *     field; called once, at intake, so this is where the server assigns ids (a create command's
 *     aggregate id, a new card's id): the body it returns carries them
 * @param aggregateId the id of the target aggregate in a parsed body
 * @param decide the handler
 * @param <B> the body type
 * @param <S> the aggregate state type
 */
public record CommandType<B, S>(
    String name,
    Aggregate<S> aggregate,
    Class<B> bodyType,
    Function<JsonObject, B> parse,
    Function<B, String> aggregateId,
    Decide<S, B> decide) {

  /** A command handler: decides from the aggregate's state, never blocks, has no side effects. */
  @FunctionalInterface
  public interface Decide<S, B> {
    /**
     * @param state the aggregate's current state ({@link Aggregate#initial()} for a new stream)
     * @param body the command's body
     * @param command the command's id and user
     * @return the events to append, or a rejection; may be called again for the same command after
     *     a version conflict, with the newer state, so it must not depend on anything else
     */
    Decision decide(S state, B body, CommandInfo command);
  }

  /**
   * @throws IllegalArgumentException for a bad name
   * @throws NullPointerException for a null component
   */
  public CommandType {
    if (!EventDraft.validType(name) || name.length() > 100) {
      throw new IllegalArgumentException("not a command type: " + name);
    }
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(bodyType, "bodyType");
    Objects.requireNonNull(parse, "parse");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(decide, "decide");
  }
}
