package io.switchboard.core;

import io.vertx.core.Future;

/**
 * A running engine: the connections behind the ports it provides (SPEC "Engines"). Each engine
 * module has one ({@code RedisEngine} provides pub/sub, room history, presence, snapshots and
 * locks; {@code RabbitEngine} the broker) and exposes its ports as accessors; the app's wiring
 * picks each port from the engine configuration names and collects the engines in {@link Ports}
 * for readiness and shutdown. The memory ports need no engine: they live in the process.
 */
public interface Engine {

  /** A short name for logs and readiness reports, e.g. {@code redis}. */
  String name();

  /**
   * Readiness ({@code /health/ready}).
   *
   * @return succeeds while every backing service answers; fails, with the reason, while one is
   *     unreachable
   */
  Future<Void> ready();

  /**
   * Releases the engine's connections and threads; idempotent.
   *
   * @return completes when closed; never fails
   */
  Future<Void> close();
}
