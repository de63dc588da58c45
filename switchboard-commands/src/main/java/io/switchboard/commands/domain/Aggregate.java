package io.switchboard.commands.domain;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An aggregate type (SPEC C2: "handlers load the aggregate's events"): the state of one stream,
 * folded from its events. The stream of the aggregate with id {@code x} is {@code <name>-<x>}.
 *
 * @param name lower-case letters, digits and {@code _}, starting with a letter, at most 50
 *     characters, e.g. {@code board}; the stream prefix and the first word of event routing keys
 * @param initial the state before the first event; states must be immutable (a node caches them)
 * @param evolve folds one event into a state
 * @param <S> the state type
 */
public record Aggregate<S>(String name, S initial, Evolve<S> evolve) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,49}");

  /** Folds an event into a state. */
  @FunctionalInterface
  public interface Evolve<S> {
    /**
     * @param state the state so far (never null)
     * @param type the event type
     * @param data the event's data
     * @return the next state, never null; the same state for an event type it ignores
     */
    S apply(S state, String type, JsonObject data);
  }

  /**
   * @throws IllegalArgumentException for a bad name
   * @throws NullPointerException for a null component
   */
  public Aggregate {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an aggregate name: " + name);
    }
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(evolve, "evolve");
  }

  /** The stream of the aggregate {@code id}: {@code <name>-<id>}. */
  public String stream(String id) {
    return name + "-" + id;
  }
}
