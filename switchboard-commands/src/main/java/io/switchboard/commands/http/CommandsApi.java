package io.switchboard.commands.http;

import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.events.EventWriter;
import io.switchboard.commands.intake.CommandIntake;
import io.switchboard.commands.outcome.Outcomes;
import io.switchboard.commands.projection.ProjectionRebuild;
import io.switchboard.core.store.Store;
import io.switchboard.server.api.ApiKeyHandler;
import io.switchboard.server.auth.TokenVerifier;
import io.switchboard.server.config.SwitchboardConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP side of commands, events and queries (SPEC C2; docs/commands.md): {@code
 * /api/v1/commands} and {@code /api/v1/queries} for users (JWT, {@link UserAuth}), {@code
 * /api/v1/streams} and {@code /api/v1/projections} for backends (the server API key, as {@code
 * /api/v1/server}). Request bodies are limited to {@code server.maxBodyBytes} (413 beyond).
 * Handlers run on the event loop of the HTTP connection and never block.
 */
public final class CommandsApi {
  private final CommandRoutes commands;
  private final StreamRoutes streams;
  private final ProjectionRoutes projections;
  private final QueryRoutes queries;
  private final SwitchboardConfig config;

  /**
   * @param config the node's configuration ({@code server.allowedOrigins}, {@code
   *     server.maxBodyBytes}, {@code api.keys})
   * @param verifier verifies user tokens
   * @param store the store
   * @param domain the registered types, projections and queries
   * @param intake accepts commands
   * @param writer writes external events
   * @param outcomes feeds and notifications after an external append
   * @param rebuild rebuilds projections
   */
  public CommandsApi(
      SwitchboardConfig config,
      TokenVerifier verifier,
      Store store,
      Domain domain,
      CommandIntake intake,
      EventWriter writer,
      Outcomes outcomes,
      ProjectionRebuild rebuild) {
    UserAuth auth = new UserAuth(verifier, config.server().allowedOrigins());
    this.config = config;
    this.commands = new CommandRoutes(auth, intake, store);
    this.streams = new StreamRoutes(new StreamAppend(store, writer), outcomes);
    this.projections = new ProjectionRoutes(domain, store, rebuild);
    this.queries = new QueryRoutes(auth, domain, store);
  }

  /** Mounts every route on {@code router}. */
  public void mount(Router router) {
    int maxBody = config.server().maxBodyBytes();
    commands.mount(router, maxBody);
    for (String base : new String[] {"/api/v1/streams/*", "/api/v1/projections/*"}) {
      router.route(base).handler(new ApiKeyHandler(config.api().keys()));
      router.route(base).handler(BodyHandler.create(false).setBodyLimit(maxBody));
    }
    streams.mount(router);
    projections.mount(router);
    queries.mount(router);
  }
}
