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
    for (String target : new String[] {"webhook", "telegram"}) {
      delivered(target, 0);
      retried(target, 0);
      deadLettered(target, 0);
      overflow(target, 0);
    }
  }

  void depth(IntSupplier depth) {
    Gauge.builder("switchboard_hooks_queue_depth", depth::getAsInt)
        .description("deliveries held by this node: queued, in flight or waiting for a retry")
        .register(registry);
  }

  void delivered(String target) {
    delivered(target, 1);
  }

  void retried(String target) {
    retried(target, 1);
  }

  void deadLettered(String target) {
    deadLettered(target, 1);
  }

  void overflow(String target) {
    overflow(target, 1);
  }

  private void delivered(String target, int n) {
    counter("switchboard_hooks_delivered", target).increment(n);
  }

  private void retried(String target, int n) {
    counter("switchboard_hooks_retried", target).increment(n);
  }

  private void deadLettered(String target, int n) {
    counter("switchboard_hooks_dead_lettered", target).increment(n);
  }

  private void overflow(String target, int n) {
    counter("switchboard_hooks_overflow", target).increment(n);
  }

  private Counter counter(String name, String target) {
    return Counter.builder(name).tag("target", target).register(registry);
  }
}
