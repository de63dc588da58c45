package io.switchboard.agent;

import io.switchboard.agent.forward.AgentError;
import io.switchboard.agent.forward.Forwarder;
import io.switchboard.agent.link.Envelope;
import io.switchboard.agent.route.Route;
import io.switchboard.agent.route.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request envelope (SPEC C4): the built-in {@code ping} ({@code {"pong": true}} unless
 * a route maps {@code ping}), {@code unknown_type} without a route, {@code busy} over {@code
 * --max-in-flight}, else the {@link Forwarder}'s reply. Runs on the agent's context only.
 */
final class Dispatcher {
  /** The built-in health check type. */
  static final String PING = "ping";

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Routes routes;
  private final Forwarder forwarder;
  private final int maxInFlight;
  private int inFlight;

  Dispatcher(Routes routes, Forwarder forwarder, int maxInFlight) {
    this.routes = routes;
    this.forwarder = forwarder;
    this.maxInFlight = maxInFlight;
  }

  /**
   * @param request the request
   * @return the reply frame: {@code {id, project_id, type, data}}, or with {@code error} instead of
   *     data; never a failed future
   */
  Future<JsonObject> handle(Envelope request) {
    if (request.type() == null || request.type().isEmpty()) {
      return Future.succeededFuture(
          request.failure(AgentError.BAD_REQUEST, "the request has no type"));
    }
    if (PING.equals(request.type()) && !routes.maps(PING)) {
      return Future.succeededFuture(request.reply(new JsonObject().put("pong", true)));
    }
    Optional<Route> route = routes.find(request.type());
    if (route.isEmpty()) {
      return Future.succeededFuture(
          request.failure(
              AgentError.UNKNOWN_TYPE, "no route for type " + request.type() + " on this agent"));
    }
    if (inFlight >= maxInFlight) {
      return Future.succeededFuture(
          request.failure(
              AgentError.BUSY, "the agent has " + inFlight + " requests in flight (max)"));
    }
    inFlight++;
    long started = System.nanoTime();
    return forwarder
        .forward(route.get(), request.data())
        .transform(
            ar -> {
              inFlight--;
              long ms = (System.nanoTime() - started) / 1_000_000;
              if (ar.succeeded()) {
                LOG.debug(
                    "request {} ({}) -> {} in {} ms",
                    request.id(),
                    request.type(),
                    ar.result().getInteger("status"),
                    ms);
                return Future.succeededFuture(request.reply(ar.result()));
              }
              AgentError error =
                  ar.cause() instanceof AgentError e
                      ? e
                      : new AgentError(
                          AgentError.UPSTREAM_UNAVAILABLE, String.valueOf(ar.cause().getMessage()));
              LOG.debug(
                  "request {} ({}) failed in {} ms: {} {}",
                  request.id(),
                  request.type(),
                  ms,
                  error.code(),
                  error.getMessage());
              return Future.succeededFuture(request.failure(error.code(), error.getMessage()));
            });
  }

  /**
   * @return the requests being forwarded now
   */
  int inFlight() {
    return inFlight;
  }
}
