package io.switchboard.tunnel.send;

import io.switchboard.core.registry.Registry;
import io.switchboard.server.api.ApiErrors;
import io.switchboard.server.api.ApiKeyHandler;
import io.switchboard.tunnel.controller.Controllers;
import io.switchboard.tunnel.ops.TunnelMetrics;
import io.switchboard.tunnel.wire.Envelope;
import io.switchboard.tunnel.wire.Relays;
import io.switchboard.tunnel.wire.Relays.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * {@code POST /event/send {project_id, type, data}} (SPEC C4, seed 000), a server API route (the
 * server API key, {@code X-API-Key} or {@code Authorization: apikey}). Answers 200 with the
 * controller's reply envelope {@code {id, project_id, type, data}} (plus {@code error {code,
 * message}} when the controller reports one); 400 {@code bad_request} for a body that is not a JSON
 * object or lacks {@code project_id} or {@code type}; 413 over {@code tunnel.maxMessageBytes}; 503
 * {@code no_controller} at once when no node holds a controller of the project (one registry read),
 * {@code overloaded} at the in-flight bounds, {@code unavailable} with the engine down; 502 {@code
 * controller_disconnected} when the controller went away before replying; 504 {@code timeout} after
 * {@code tunnel.requestTimeout}. Error bodies are the envelope with its {@code error}.
 */
public final class SendRoute {
  /** The route's path. */
  public static final String PATH = "/event/send";

  private final String node;
  private final Registry registry;
  private final Controllers controllers;
  private final Pending pending;
  private final Delivery delivery;
  private final BiFunction<String, String, Future<Long>> relay;
  private final String requestChannel;
  private final TunnelMetrics metrics;

  /**
   * @param node this node's id
   * @param registry which nodes hold controllers of a project
   * @param controllers this node's controllers (delivered here without a hop when it has one)
   * @param pending the requests this node waits on
   * @param delivery this node's delivery path
   * @param relay publishes a payload on a channel ({@code Gateway#relay}), answering how many nodes
   *     listen there (0: the addressed node is gone; -1: unknown)
   * @param requestChannel {@code tunnel.requestChannel}
   * @param metrics answers are counted
   */
  public SendRoute(
      String node,
      Registry registry,
      Controllers controllers,
      Pending pending,
      Delivery delivery,
      BiFunction<String, String, Future<Long>> relay,
      String requestChannel,
      TunnelMetrics metrics) {
    this.node = node;
    this.registry = registry;
    this.controllers = controllers;
    this.pending = pending;
    this.delivery = delivery;
    this.relay = relay;
    this.requestChannel = requestChannel;
    this.metrics = metrics;
  }

  /** Mounts the route with the API key check and the body limit. */
  public void mount(Router router, List<String> apiKeys, int maxBodyBytes) {
    router.post(PATH).handler(new ApiKeyHandler(apiKeys));
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    router
        .post(PATH)
        .failureHandler(
            rc -> {
              if (rc.statusCode() == 413) {
                metrics.answered(null, "too_large", System.nanoTime());
                ApiErrors.send(
                    rc, 413, "payload_too_large", "the body is over tunnel.maxMessageBytes");
              } else {
                rc.next();
              }
            });
    router.post(PATH).handler(this::send);
  }

  private void send(RoutingContext rc) {
    long start = System.nanoTime();
    Envelope request;
    try {
      request = request(rc);
    } catch (IllegalArgumentException e) {
      metrics.answered(null, "bad_request", start);
      ApiErrors.send(rc, 400, "bad_request", e.getMessage());
      return;
    }
    Context context = rc.vertx().getOrCreateContext();
    route(request)
        .otherwise(
            e -> new Outcome(503, Envelope.failure(request, "unavailable", "engine unreachable")))
        .onSuccess(o -> context.runOnContext(v -> answer(rc, request, o, start)));
  }

  private static Envelope request(RoutingContext rc) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    if (body == null) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    if (!(body.getValue("project_id") instanceof String project)
        || !Envelope.PROJECT_ID.matcher(project).matches()) {
      throw new IllegalArgumentException(
          "project_id is required: 1 to 200 of letters, digits and _ . : @ -");
    }
    if (!(body.getValue("type") instanceof String type) || type.isEmpty() || type.length() > 200) {
      throw new IllegalArgumentException("type is required: a string of 1 to 200 characters");
    }
    return Envelope.request(UUID.randomUUID().toString(), project, type, body.getValue("data"));
  }

  private Future<Outcome> route(Envelope request) {
    if (controllers.count(request.projectId()) > 0) {
      Future<Outcome> waiting = pending.await(request);
      if (waiting == null) {
        return Future.succeededFuture(overloaded(request));
      }
      delivery.deliver(request, node);
      return waiting;
    }
    return registry
        .members(Controllers.key(request.projectId()))
        .compose(
            members -> {
              List<String> others =
                  members.stream()
                      .filter(m -> !m.equals(node))
                      .collect(Collectors.toCollection(ArrayList::new));
              if (others.isEmpty()) {
                return Future.succeededFuture(Outcome.noController(request));
              }
              Future<Outcome> waiting = pending.await(request);
              if (waiting == null) {
                return Future.succeededFuture(overloaded(request));
              }
              Collections.shuffle(others, ThreadLocalRandom.current());
              relayTo(request, new Relays.Request(request, node).encode(), others, 0);
              return waiting;
            });
  }

  /**
   * Sends the request on {@code targets[i]}'s channel. A node listed in the registry whose process
   * died no longer listens there (the engine counts 0 subscribers, so nothing was delivered and
   * nothing can run twice): the next listed node is tried, and with none left the caller gets 503
   * {@code no_controller} at once instead of a 504 after the timeout.
   */
  private void relayTo(Envelope request, String payload, List<String> targets, int i) {
    relay
        .apply(requestChannel + "." + targets.get(i), payload)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                pending.complete(
                    new Outcome(
                        503,
                        Envelope.failure(
                            request, "unavailable", "the pub/sub engine is unreachable")));
              } else if (ar.result() == 0 && i + 1 < targets.size()) {
                relayTo(request, payload, targets, i + 1);
              } else if (ar.result() == 0) {
                pending.complete(Outcome.noController(request));
              }
            });
  }

  private static Outcome overloaded(Envelope request) {
    return new Outcome(
        503, Envelope.failure(request, "overloaded", "too many requests in flight; retry later"));
  }

  private void answer(RoutingContext rc, Envelope request, Outcome o, long start) {
    String outcome =
        switch (o.status()) {
          case 200 -> "ok";
          case 502 -> "disconnected";
          case 504 -> "timeout";
          default -> o.reply().errorCode() == null ? "error" : o.reply().errorCode();
        };
    // a project with no controller anywhere is any text a caller sends: not a metric label, or
    // the series would grow without bound
    metrics.answered("no_controller".equals(outcome) ? null : request.projectId(), outcome, start);
    if (!rc.response().ended()) {
      rc.response()
          .setStatusCode(o.status())
          .putHeader("Content-Type", "application/json")
          .end(o.reply().toJson().encode());
    }
  }
}
