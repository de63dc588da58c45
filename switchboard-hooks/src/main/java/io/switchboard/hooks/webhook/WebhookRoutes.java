package io.switchboard.hooks.webhook;

import io.switchboard.hooks.delivery.DeadLetters;
import io.switchboard.hooks.delivery.EndpointStates;
import io.switchboard.hooks.endpoint.Endpoint;
import io.switchboard.hooks.endpoint.Endpoints;
import io.switchboard.hooks.endpoint.Registration;
import io.switchboard.server.api.ApiErrors;
import io.switchboard.server.signal.Signal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook routes of the server API (issue 11 point 3), behind the server API key like every
 * {@code /api/v1/server} route (the server mounted the key check and the body limit there):
 *
 * <ul>
 *   <li>{@code POST /api/v1/server/webhooks {url, events, secret?}} → 201 {@code {id, url, events,
 *       created_at, secret}}: the secret is shown this once; 400 {@code bad_request} with the
 *       reason and nothing stored for a bad body; 409 {@code too_many} beyond {@value
 *       Endpoints#MAX};
 *   <li>{@code GET /api/v1/server/webhooks} → {@code {webhooks: [{id, url, events, created_at,
 *       state}]}}, {@code state} = {@code {delivered, failed_attempts, dead_lettered,
 *       consecutive_failures, last_status, last_error, last_success_at}} summed over the nodes;
 *   <li>{@code GET /api/v1/server/webhooks/:id} → one of those; 404 {@code not_found};
 *   <li>{@code DELETE /api/v1/server/webhooks/:id} → 204 (its dead letters and state go too, and
 *       its pending retries are dropped); 404;
 *   <li>{@code GET /api/v1/server/webhooks/:id/dead-letters} → {@code {dead_letters: [{key, signal,
 *       attempts, last_status, last_error, at, node}]}}, oldest first, at most {@value
 *       DeadLetters#PAGE};
 *   <li>{@code POST /api/v1/server/webhooks/:id/dead-letters/redeliver} → 202 {@code {redelivered:
 *       n}}: the dead letters leave the store and are delivered again (retries and dead-lettering
 *       as for a new signal).
 * </ul>
 *
 * The store unreachable is a 503 {@code unavailable}.
 */
public final class WebhookRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
  private static final String BASE = "/api/v1/server/webhooks";
  private static final Pattern ID = Pattern.compile("wh_[0-9a-f]{32}");

  private final Endpoints endpoints;
  private final EndpointStates states;
  private final DeadLetters dead;
  private final BiConsumer<Endpoint, Signal> redeliver;

  /**
   * @param endpoints the registered endpoints
   * @param states their state
   * @param dead their dead letters
   * @param redeliver delivers a signal to an endpoint again
   */
  public WebhookRoutes(
      Endpoints endpoints,
      EndpointStates states,
      DeadLetters dead,
      BiConsumer<Endpoint, Signal> redeliver) {
    this.endpoints = endpoints;
    this.states = states;
    this.dead = dead;
    this.redeliver = redeliver;
  }

  /** Mounts the routes. */
  public void mount(Router router) {
    router.post(BASE).handler(this::register);
    router.get(BASE).handler(this::list);
    router.get(BASE + "/:id").handler(this::one);
    router.delete(BASE + "/:id").handler(this::delete);
    router.get(BASE + "/:id/dead-letters").handler(this::deadLetters);
    router.post(BASE + "/:id/dead-letters/redeliver").handler(this::redeliver);
  }

  private void register(RoutingContext rc) {
    Registration.Checked checked;
    try {
      JsonObject body;
      try {
        body = rc.body().asJsonObject();
      } catch (RuntimeException e) {
        body = null;
      }
      checked = Registration.check(body);
    } catch (IllegalArgumentException e) {
      ApiErrors.send(rc, 400, "bad_request", e.getMessage());
      return;
    }
    endpoints
        .register(checked)
        .onSuccess(
            e -> {
              LOG.info("webhook {} registered for {}", e.id(), e.events());
              json(rc, 201, e.publicJson().put("secret", e.secret()));
            })
        .onFailure(
            e -> {
              if (e instanceof IllegalStateException) {
                ApiErrors.send(rc, 409, "too_many", e.getMessage());
              } else {
                unavailable(rc, e);
              }
            });
  }

  private void list(RoutingContext rc) {
    endpoints
        .all(false)
        .compose(list -> states.all().map(s -> withStates(list, s)))
        .onSuccess(a -> json(rc, 200, new JsonObject().put("webhooks", a)))
        .onFailure(e -> unavailable(rc, e));
  }

  private void one(RoutingContext rc) {
    found(
        rc,
        e ->
            states
                .all()
                .onSuccess(s -> json(rc, 200, withStates(List.of(e), s).getJsonObject(0)))
                .onFailure(x -> unavailable(rc, x)));
  }

  private void delete(RoutingContext rc) {
    found(
        rc,
        e ->
            endpoints
                .delete(e.id())
                .compose(v -> dead.clear(e.id()))
                .compose(v -> states.clear(e.id()))
                .onSuccess(
                    v -> {
                      LOG.info("webhook {} deleted", e.id());
                      rc.response().setStatusCode(204).end();
                    })
                .onFailure(x -> unavailable(rc, x)));
  }

  private void deadLetters(RoutingContext rc) {
    found(
        rc,
        e ->
            dead.list(e.id())
                .onSuccess(a -> json(rc, 200, new JsonObject().put("dead_letters", a)))
                .onFailure(x -> unavailable(rc, x)));
  }

  private void redeliver(RoutingContext rc) {
    found(
        rc,
        e ->
            dead.take(e.id())
                .onSuccess(
                    letters -> {
                      letters.forEach(j -> redeliver.accept(e, signal(j)));
                      json(rc, 202, new JsonObject().put("redelivered", letters.size()));
                    })
                .onFailure(x -> unavailable(rc, x)));
  }

  /** Finds the endpoint of the path's id, or answers 404. */
  private void found(RoutingContext rc, Consumer<Endpoint> then) {
    String id = rc.pathParam("id");
    if (id == null || !ID.matcher(id).matches()) {
      ApiErrors.send(rc, 404, "not_found", "no such webhook");
      return;
    }
    endpoints
        .get(id)
        .onSuccess(
            e -> {
              if (e == null) {
                ApiErrors.send(rc, 404, "not_found", "no such webhook");
              } else {
                then.accept(e);
              }
            })
        .onFailure(x -> unavailable(rc, x));
  }

  private static JsonArray withStates(
      List<Endpoint> list, java.util.Map<String, JsonObject> states) {
    JsonArray out = new JsonArray();
    for (Endpoint e : list) {
      out.add(e.publicJson().put("state", states.getOrDefault(e.id(), EndpointStates.empty())));
    }
    return out;
  }

  /** A signal from its payload (a dead letter's). */
  static Signal signal(JsonObject j) {
    return new Signal(
        UUID.fromString(j.getString("id")),
        j.getString("type"),
        j.getString("subject"),
        j.getString("user"),
        j.getJsonObject("data", new JsonObject()),
        Instant.parse(j.getString("at")));
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    if (!rc.response().ended()) {
      rc.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(body.encode());
    }
  }

  private static void unavailable(RoutingContext rc, Throwable e) {
    LOG.warn("{} {} failed: {}", rc.request().method(), rc.normalizedPath(), e.toString());
    ApiErrors.send(rc, 503, "unavailable", "the store is unreachable");
  }
}
