package io.switchboard.hooks.telegram;

import io.switchboard.hooks.delivery.DeadLetters;
import io.switchboard.hooks.delivery.EndpointStates;
import io.switchboard.server.api.ApiErrors;
import io.switchboard.server.config.TelegramConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/server/telegram} (server API key; mounted while {@code telegram.enabled}): the
 * chat as a delivery target, {@code {chat_id, events, state, dead_letters}}, with the same {@code
 * state} as a webhook endpoint's (summed over the nodes) and its dead letters, oldest first. Never
 * the bot token or the secret token. 503 {@code unavailable} while the store is unreachable.
 */
public final class TelegramStatusRoute {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramStatusRoute.class);

  /** The route. */
  public static final String PATH = "/api/v1/server/telegram";

  private TelegramStatusRoute() {}

  /** Mounts the route. */
  public static void mount(
      Router router, TelegramConfig config, EndpointStates states, DeadLetters dead) {
    router
        .get(PATH)
        .handler(
            rc ->
                states
                    .all()
                    .compose(
                        s ->
                            dead.list(TelegramTarget.ID)
                                .map(
                                    letters ->
                                        new JsonObject()
                                            .put("chat_id", config.chatId())
                                            .put("events", new JsonArray(config.events()))
                                            .put(
                                                "state",
                                                s.getOrDefault(
                                                    TelegramTarget.ID, EndpointStates.empty()))
                                            .put("dead_letters", letters)))
                    .onSuccess(
                        body ->
                            rc.response()
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Cache-Control", "no-store")
                                .end(body.encode()))
                    .onFailure(
                        e -> {
                          LOG.warn("GET {} failed: {}", PATH, e.toString());
                          ApiErrors.send(rc, 503, "unavailable", "the store is unreachable");
                        }));
  }
}
