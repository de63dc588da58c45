package io.switchboard.tunnel.send;

import io.switchboard.core.lock.Lock;
import io.switchboard.core.lock.Locks;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.tunnel.controller.ControllerSocket;
import io.switchboard.tunnel.controller.Controllers;
import io.switchboard.tunnel.ops.TunnelMetrics;
import io.switchboard.tunnel.wire.Envelope;
import io.switchboard.tunnel.wire.Relays.Outcome;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers requests to this node's controllers, exactly once (SPEC C4; seed 000 released its lock
 * before sending, so a request could run twice): the node takes the lock {@code
 * lock:<project>:<id>} for twice {@code tunnel.requestTimeout} before it sends, holds it until the
 * reply came or the controller went away (released then) or the request timed out (left to expire),
 * and sends to the project's controller with the fewest requests in flight. A reply is accepted
 * only from the connection that was sent its id and only once; anything else is refused and
 * counted. Each outcome goes to the node that waits for it through {@code respond}.
 */
public final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  private final Vertx vertx;
  private final Locks locks;
  private final Controllers controllers;
  private final TunnelConfig config;
  private final TunnelMetrics metrics;
  private final BiConsumer<String, Outcome> respond;

  private record InFlight(Envelope request, String origin, Lock lock, long timer) {}

  /**
   * @param vertx for the delivery timeouts
   * @param locks the request locks
   * @param controllers this node's controllers
   * @param config {@code tunnel.*}
   * @param metrics refused replies are counted
   * @param respond hands an outcome to the node (first argument) that waits for it
   */
  public Delivery(
      Vertx vertx,
      Locks locks,
      Controllers controllers,
      TunnelConfig config,
      TunnelMetrics metrics,
      BiConsumer<String, Outcome> respond) {
    this.vertx = vertx;
    this.locks = locks;
    this.controllers = controllers;
    this.config = config;
    this.metrics = metrics;
    this.respond = respond;
  }

  /** The lock name of a request: {@code lock:<project>:<id>} (SPEC C4). */
  public static String lockName(Envelope request) {
    return "lock:" + request.projectId() + ":" + request.id();
  }

  /**
   * Takes the request's lock and sends it to one controller; a request whose lock is held already
   * (delivered elsewhere) is dropped. Without a controller the outcome is 503 {@code
   * no_controller}; with the lock engine down, 503 {@code unavailable}.
   *
   * @param request the envelope
   * @param origin the node that waits for the outcome
   */
  public void deliver(Envelope request, String origin) {
    Duration ttl = config.requestTimeout().multipliedBy(2);
    locks
        .tryAcquire(lockName(request), ttl)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn("request lock unavailable: {}", ar.cause().toString());
                fail(request, origin, 503, "unavailable", "the lock engine is unreachable");
              } else if (ar.result() == null) {
                LOG.debug("request {} is delivered by another node", request.id());
              } else {
                send(request, origin, ar.result());
              }
            });
  }

  private void send(Envelope request, String origin, Lock lock) {
    String frame = request.toJson().encode();
    for (int attempt = 0; attempt < 2; attempt++) {
      ControllerSocket c = controllers.pick(request.projectId());
      if (c == null) {
        break;
      }
      long timer =
          vertx.setTimer(config.requestTimeout().toMillis(), t -> c.answered(request.id()));
      if (c.send(request.id(), new InFlight(request, origin, lock, timer), frame)) {
        return;
      }
      vertx.cancelTimer(timer); // closed between pick and send: try the next one
    }
    locks.release(lock);
    respond.accept(origin, Outcome.noController(request));
  }

  /**
   * A controller's text frame: its reply, accepted once from the connection that was sent its id.
   *
   * @param c the controller
   * @param text the frame
   */
  public void frame(ControllerSocket c, String text) {
    if (text.length() > config.maxMessageBytes()) {
      metrics.replyRefused("too_large");
      Envelope e = parseOrNull(text);
      if (e != null && c.answered(e.id()) instanceof InFlight f) {
        finish(
            f, 502, Envelope.failure(f.request, "reply_too_large", "over tunnel.maxMessageBytes"));
      }
      return;
    }
    Envelope e = parseOrNull(text);
    if (e == null) {
      metrics.replyRefused("malformed");
    } else if (!e.projectId().equals(c.project())) {
      metrics.replyRefused("wrong_project");
    } else if (c.answered(e.id()) instanceof InFlight f) {
      finish(f, 200, e);
    } else {
      metrics.replyRefused("unknown_id");
    }
  }

  /**
   * Fails the requests a closed controller had not answered: 502 {@code controller_disconnected},
   * at once.
   */
  public void lost(ControllerSocket c, Map<String, Object> left) {
    for (Object o : left.values()) {
      if (o instanceof InFlight f) {
        finish(
            f,
            502,
            Envelope.failure(
                f.request,
                "controller_disconnected",
                "the controller's connection closed before it replied"));
      }
    }
  }

  private void finish(InFlight f, int status, Envelope reply) {
    vertx.cancelTimer(f.timer);
    locks.release(f.lock);
    respond.accept(f.origin, new Outcome(status, reply));
  }

  private void fail(Envelope request, String origin, int status, String code, String message) {
    respond.accept(origin, new Outcome(status, Envelope.failure(request, code, message)));
  }

  private static Envelope parseOrNull(String text) {
    try {
      return Envelope.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
