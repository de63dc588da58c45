package io.switchboard.core;

import io.vertx.core.Future;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A running engine: the connections behind the ports it provides (SPEC "Engines"). Each engine
 * module has one ({@code RedisEngine} provides pub/sub, room history, presence, snapshots and
 * locks; {@code RabbitEngine} the broker) and exposes its ports as accessors; the app's wiring
 * picks each port from the engine configuration names and collects the engines in {@link Ports} for
 * readiness and shutdown. The memory ports need no engine: they live in the process.
 */
public interface Engine {

  /**
   * A short lower-case name of the technology, {@code redis} or {@code rabbitmq}; for diagnostics
   * (readiness answers do not carry it).
   */
  String name();

  /**
   * Readiness, asked on every {@code GET /health/ready} (which answers 503 on failure); never
   * blocks: an engine answers from its connection state or one round trip ({@code PING}).
   *
   * @return succeeds while every backing service answers; fails, with the reason, while one is
   *     unreachable
   */
  Future<Void> ready();

  /**
   * Gauges of the engine's own bounded queues, by Prometheus name, which the server registers on
   * {@code /metrics} (every bound has a metric); empty by default.
   *
   * @return name → current value, read on every scrape; must not block
   */
  default Map<String, LongSupplier> gauges() {
    return Map.of();
  }

  /**
   * Releases the engine's connections and threads; idempotent. Called last in a graceful stop,
   * after the event buffer is drained; the ports must not be used afterwards.
   *
   * @return completes when closed; never fails
   */
  Future<Void> close();
}
