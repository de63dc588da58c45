package io.switchboard.core.store;

import java.util.List;
import java.util.Objects;

/**
 * A page of the global order of events ({@link Store#readAll}).
 *
 * @param events at most the requested number of events, in global order
 * @param next where the next page starts: the position of the last event, or the position asked for
 *     when the page is empty; pass it to the next {@code readAll}
 */
public record EventPage(List<RecordedEvent> events, Position next) {
  /**
   * @throws NullPointerException if a component is null
   */
  public EventPage {
    events = List.copyOf(events);
    Objects.requireNonNull(next, "next");
  }
}
