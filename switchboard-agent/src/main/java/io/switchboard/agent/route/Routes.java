package io.switchboard.agent.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's route table (SPEC C4): one {@link Route} per request type plus an optional {@code *}
 * catch-all. Immutable.
 */
public final class Routes {
  private final Map<String, Route> byType;

  private Routes(Map<String, Route> byType) {
    this.byType = byType;
  }

  /**
   * Parses every {@code --route}.
   *
   * @param specs the routes as given, e.g. {@code ["echo=POST:http://127.0.0.1:8080/echo",
   *     "*=http://127.0.0.1:8080"]}; blank entries are skipped
   * @return the table
   * @throws IllegalArgumentException when there is no route, one does not parse ({@link
   *     Route#parse}) or two name the same type
   */
  public static Routes parse(Collection<String> specs) {
    Map<String, Route> byType = new LinkedHashMap<>();
    for (String spec : specs) {
      if (spec == null || spec.isBlank()) {
        continue;
      }
      Route route = Route.parse(spec);
      if (byType.putIfAbsent(route.type(), route) != null) {
        throw new IllegalArgumentException("route type " + route.type() + " is given twice");
      }
    }
    if (byType.isEmpty()) {
      throw new IllegalArgumentException("no route (allowed: " + Route.FORM + ", repeatable)");
    }
    return new Routes(Map.copyOf(byType));
  }

  /**
   * @param type a request's type
   * @return its own route, else the {@code *} route, else empty ({@code unknown_type})
   */
  public Optional<Route> find(String type) {
    Route route = byType.get(type);
    return Optional.ofNullable(route != null ? route : byType.get(Route.WILDCARD));
  }

  /**
   * @param type a request's type
   * @return whether {@code type} itself is mapped (the {@code *} route does not count)
   */
  public boolean maps(String type) {
    return !Route.WILDCARD.equals(type) && byType.containsKey(type);
  }

  /**
   * @return every route, in no particular order
   */
  public List<Route> all() {
    return new ArrayList<>(byType.values());
  }

  @Override
  public String toString() {
    return all().toString();
  }
}
