package io.switchboard.hooks.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/**
 * The hooks' metrics, label {@code target="webhook|telegram"}: {@code
 * switchboard_hooks_delivered_total}, {@code switchboard_hooks_retried_total}, {@code
 * switchboard_hooks_dead_lettered_total}, {@code switchboard_hooks_overflow_total} (deliveries
 * refused by a full queue, dead-lettered too) and the gauge {@code switchboard_hooks_queue_depth}
 * (deliveries the node holds).
 */
public final class HooksMetrics {
  private final MeterRegistry registry;

  /**
   * @param registry the node's registry
   */
  public HooksMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void depth(IntSupplier depth) {
    Gauge.builder("switchboard_hooks_queue_depth", depth::getAsInt)
        .description("deliveries held by this node: queued, in flight or waiting for a retry")
        .register(registry);
  }

  void delivered(String target) {
    counter("switchboard_hooks_delivered", target).increment();
  }

  void retried(String target) {
    counter("switchboard_hooks_retried", target).increment();
  }

  void deadLettered(String target) {
    counter("switchboard_hooks_dead_lettered", target).increment();
  }

  void overflow(String target) {
    counter("switchboard_hooks_overflow", target).increment();
  }

  private Counter counter(String name, String target) {
    return Counter.builder(name).tag("target", target).register(registry);
  }
}
