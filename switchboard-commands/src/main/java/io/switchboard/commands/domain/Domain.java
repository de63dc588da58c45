package io.switchboard.commands.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The registry of a node's commands, projections, room feeds and queries (SPEC C2: "handlers and
 * projections are plain Java classes registered with the gateway"). The board example registers
 * itself here ({@code BoardDomain.register}); a user adds a domain the same way before the node
 * starts. Not thread-safe while registering; read-only afterwards.
 */
public final class Domain {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,49}");

  private final Map<String, CommandType<?, ?>> commands = new LinkedHashMap<>();
  private final Map<String, ExternalCommand> external = new LinkedHashMap<>();
  private final Map<String, Projection> projections = new LinkedHashMap<>();
  private final Map<String, String> queries = new LinkedHashMap<>();
  private final List<RoomFeed> feeds = new ArrayList<>();

  /**
   * Registers a Java-handled command type.
   *
   * @return this registry
   * @throws IllegalArgumentException when the name is taken
   */
  public Domain command(CommandType<?, ?> type) {
    unique(type.name());
    commands.put(type.name(), type);
    return this;
  }

  /**
   * Registers a command type served by an external service.
   *
   * @return this registry
   * @throws IllegalArgumentException when the name is taken
   */
  public Domain external(ExternalCommand type) {
    unique(type.name());
    external.put(type.name(), type);
    return this;
  }

  /**
   * Registers a projection.
   *
   * @return this registry
   * @throws IllegalArgumentException for a bad or taken name
   */
  public Domain projection(Projection projection) {
    if (!NAME.matcher(projection.name()).matches() || projections.containsKey(projection.name())) {
      throw new IllegalArgumentException("bad or taken projection name: " + projection.name());
    }
    projections.put(projection.name(), projection);
    return this;
  }

  /**
   * Serves a projection's documents as {@code GET /api/v1/queries/{name}} (a page) and {@code GET
   * /api/v1/queries/{name}/{key}} (one document).
   *
   * @return this registry
   * @throws IllegalArgumentException for a bad or taken name, or an unregistered projection
   */
  public Domain query(String name, String projection) {
    if (!NAME.matcher(name).matches() || queries.containsKey(name)) {
      throw new IllegalArgumentException("bad or taken query name: " + name);
    }
    if (!projections.containsKey(projection)) {
      throw new IllegalArgumentException("register projection " + projection + " first");
    }
    queries.put(name, projection);
    return this;
  }

  /**
   * Registers a room feed.
   *
   * @return this registry
   * @throws IllegalArgumentException for an unregistered projection
   */
  public Domain feed(RoomFeed feed) {
    if (!projections.containsKey(feed.projection())) {
      throw new IllegalArgumentException("register projection " + feed.projection() + " first");
    }
    feeds.add(feed);
    return this;
  }

  private void unique(String name) {
    if (commands.containsKey(name) || external.containsKey(name)) {
      throw new IllegalArgumentException("command type registered twice: " + name);
    }
  }

  /** The Java-handled type {@code name}, or {@code null}. */
  public CommandType<?, ?> command(String name) {
    return commands.get(name);
  }

  /** The external type {@code name}, or {@code null}. */
  public ExternalCommand external(String name) {
    return external.get(name);
  }

  /** Every Java-handled type, in registration order. */
  public Collection<CommandType<?, ?>> commands() {
    return List.copyOf(commands.values());
  }

  /** The projection {@code name}, or {@code null}. */
  public Projection projection(String name) {
    return projections.get(name);
  }

  /** Every projection, in registration order. */
  public Collection<Projection> projections() {
    return List.copyOf(projections.values());
  }

  /** The projection behind the query {@code name}, or {@code null}. */
  public String queryProjection(String name) {
    return queries.get(name);
  }

  /** Every room feed, in registration order. */
  public List<RoomFeed> feeds() {
    return List.copyOf(feeds);
  }
}
