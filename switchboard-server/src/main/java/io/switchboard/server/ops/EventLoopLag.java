package io.switchboard.server.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * How late the node's event loops run a task that is due (SPEC "Operations"; issue 12's dashboard
 * "event loops busy"): each listener's event loop runs a 100 ms timer and records how far past its
 * due time it fired. The gauge {@code switchboard_event_loop_lag_seconds} is the worst lag of any
 * loop over the last full second: near 0 on an idle node; tens of milliseconds when a loop is
 * saturated or blocked (the same measure as Node's event-loop lag). One timer per loop, 10 wake-ups
 * a second: no measurable cost.
 */
public final class EventLoopLag {
  private static final long PERIOD_MS = 100;
  private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(1);

  private final List<Probe> probes = new CopyOnWriteArrayList<>();

  /**
   * Registers the gauge.
   *
   * @param registry the node's registry
   */
  public EventLoopLag(MeterRegistry registry) {
    Gauge.builder("switchboard_event_loop_lag_seconds", this, EventLoopLag::worst)
        .description("the worst lag of an event loop over the last second")
        .baseUnit("seconds")
        .register(registry);
  }

  /**
   * Starts a probe on the calling context's event loop (a listener verticle's start); its timer
   * ends with the verticle.
   *
   * @param vertx the node's Vert.x, called on the loop to probe
   */
  public void probe(Vertx vertx) {
    Probe p = new Probe();
    probes.add(p);
    vertx.setPeriodic(PERIOD_MS, id -> p.fired(System.nanoTime()));
  }

  /** The worst lag of the last full second, in seconds. */
  double worst() {
    long worst = 0;
    for (Probe p : probes) {
      worst = Math.max(worst, p.last);
    }
    return worst / 1e9;
  }

  /** One loop's timer: when it was due next, the worst lateness this second and the last. */
  private static final class Probe {
    private long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
    private long windowStart = System.nanoTime();
    private long current;
    private volatile long last;

    void fired(long now) {
      current = Math.max(current, Math.max(0, now - due));
      due = now + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
      if (now - windowStart >= WINDOW_NS) {
        last = current;
        current = 0;
        windowStart = now;
      }
    }
  }
}
