package io.switchboard.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.core.Engine;
import io.switchboard.server.room.ErrorCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The node's Prometheus metrics ({@code GET /metrics}, SPEC "Operations"): connections, rooms,
 * frames and bytes in and out, slow-consumer closes by reason, bytes waiting in outbound queues,
 * connections refused by reason, errors by code, publish→deliver latency (milliseconds, measured
 * from the offset's timestamp to the node's fan-out), event-buffer depth, dead letters and refused
 * offers, backend-consumer redeliveries and dead letters, failed JWKS refreshes, the memory
 * engine's streams, large rooms, and the JVM's memory, GC, threads and CPU. Issue 7 added every
 * bound's counter. Counters are exposed with Prometheus' {@code _total} suffix (and a {@code
 * _bytes} unit where set), e.g. {@code switchboard_bytes_in_bytes_total}. Thread-safe: every method
 * may be called from any event loop.
 */
public final class GatewayMetrics {
  /**
   * Why a connection was closed as a slow consumer (4008): over {@code client.outboundQueueFrames}
   * or over {@code client.outboundQueueBytes}; the {@code reason} label, lower case.
   */
  public enum SlowConsumer {
    FRAMES,
    BYTES
  }

  /**
   * Why a connection was refused or cut before it became a working client (issue 7); the {@code
   * reason} label of {@code switchboard_connections_refused_total}, lower case.
   */
  public enum Refusal {
    /** {@code server.maxConnections} reached: the upgrade got HTTP 503. */
    MAX_CONNECTIONS,
    /** {@code client.maxConnectionsPerUser} reached: closed with 4009 after authentication. */
    PER_USER,
    /** No complete request (or no {@code welcome}) within {@code server.handshakeTimeout}. */
    HANDSHAKE_TIMEOUT,
    /** Too much sent before {@code welcome}: closed with 4029. */
    EARLY_FRAMES
  }

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter framesIn = Counter.builder("switchboard_frames_in").register(registry);
  private final Counter framesOut = Counter.builder("switchboard_frames_out").register(registry);
  private final Counter bytesIn =
      Counter.builder("switchboard_bytes_in").baseUnit("bytes").register(registry);
  private final Counter bytesOut =
      Counter.builder("switchboard_bytes_out").baseUnit("bytes").register(registry);
  private final Counter resyncRecovered =
      Counter.builder("switchboard_room_resyncs").tag("recovered", "true").register(registry);
  private final Counter resyncLost =
      Counter.builder("switchboard_room_resyncs").tag("recovered", "false").register(registry);
  private final Counter bufferDeadLetters =
      Counter.builder("switchboard_event_buffer_dead_letters")
          .description("forwarded publications the broker can never take, dropped")
          .register(registry);
  private final Counter consumerRedeliveries =
      Counter.builder("switchboard_consumer_redeliveries")
          .description(
              "backend deliveries that failed transiently and are redelivered after a backoff")
          .register(registry);
  private final Counter consumerDeadLetters =
      Counter.builder("switchboard_consumer_dead_letters")
          .description("backend deliveries that can never be delivered, dead-lettered")
          .register(registry);
  private volatile LongSupplier bufferRefused;
  private volatile List<LongSupplier> outboxCounters;
  private final Map<SlowConsumer, Counter> slowConsumers = new EnumMap<>(SlowConsumer.class);
  private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);
  private final LongAdder queuedBytes = new LongAdder();
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private volatile LongSupplier jwksRefreshFailures = () -> 0;
  private final DistributionSummary latency =
      DistributionSummary.builder("switchboard_publish_deliver_latency")
          .baseUnit("milliseconds")
          .publishPercentiles(0.5, 0.99, 0.999)
          .register(registry);

  /**
   * Creates the registry with the counters of every error code, slow-consumer and refusal reason
   * (all at 0), the queued-bytes gauge and the JVM binders.
   */
  public GatewayMetrics() {
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(
          code, Counter.builder("switchboard_errors").tag("code", code.wire()).register(registry));
    }
    FunctionCounter.builder(
            "switchboard_jwks_refresh_failures", this, m -> m.jwksRefreshFailures.getAsLong())
        .register(registry);
    for (SlowConsumer reason : SlowConsumer.values()) {
      slowConsumers.put(
          reason,
          Counter.builder("switchboard_slow_consumer_closes")
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    for (Refusal reason : Refusal.values()) {
      refusals.put(
          reason,
          Counter.builder("switchboard_connections_refused")
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    Gauge.builder("switchboard_outbound_queued", queuedBytes::sum)
        .baseUnit("bytes")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /**
   * Registers the gauges {@code switchboard_connections} and {@code switchboard_rooms} (rooms with
   * a local member). Call once.
   *
   * @param connections the node's open connections
   * @param rooms the node's rooms with at least one local member
   */
  public void gauges(IntSupplier connections, IntSupplier rooms) {
    Gauge.builder("switchboard_connections", connections::getAsInt).register(registry);
    Gauge.builder("switchboard_rooms", rooms::getAsInt).register(registry);
  }

  /**
   * Registers {@code switchboard_large_rooms}: local rooms above their namespace's {@code
   * presenceEventsMaxMembers}, whose members get {@code presence_count} frames instead of join and
   * leave frames (issue 7). Call once.
   *
   * @param rooms the count of such rooms
   */
  public void largeRooms(IntSupplier rooms) {
    Gauge.builder("switchboard_large_rooms", rooms::getAsInt).register(registry);
  }

  /**
   * Registers the outbox relay's counters (issue 8): {@code switchboard_outbox_published} (messages
   * confirmed by the broker and marked published by this node), {@code
   * switchboard_outbox_dead_letters} (messages the broker can never take, dropped) and {@code
   * switchboard_outbox_failures} (failed publishes, each retried).
   */
  public void outbox(LongSupplier published, LongSupplier deadLetters, LongSupplier failures) {
    outboxCounters = List.of(published, deadLetters, failures); // Micrometer holds them weakly
    FunctionCounter.builder("switchboard_outbox_published", published, LongSupplier::getAsLong)
        .register(registry);
    FunctionCounter.builder("switchboard_outbox_dead_letters", deadLetters, LongSupplier::getAsLong)
        .register(registry);
    FunctionCounter.builder("switchboard_outbox_failures", failures, LongSupplier::getAsLong)
        .register(registry);
  }

  /**
   * The node's Micrometer registry, for a capability's own meters (named {@code switchboard_*}).
   */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  /**
   * Registers the gauge {@code switchboard_event_buffer_pending}: messages not yet confirmed by the
   * broker. Call once.
   *
   * @param pending the buffer's pending count
   */
  public void bufferGauge(IntSupplier pending) {
    Gauge.builder("switchboard_event_buffer_pending", pending::getAsInt).register(registry);
  }

  /**
   * Publishes {@code failures} (a running count) as the counter {@code
   * switchboard_jwks_refresh_failures}: JWKS refreshes that failed or were refused (issue 7 part
   * 2). The counter reads 0 until this is called.
   *
   * @param failures the verifier's running count
   */
  public void jwksRefreshFailures(LongSupplier failures) {
    this.jwksRefreshFailures = failures;
  }

  /**
   * Registers {@code switchboard_event_buffer_refused}: offers the event buffer refused, i.e.
   * forwards that could not be queued (a reservation used twice; should stay 0). Publications
   * refused with {@code buffer_full} are counted in {@code switchboard_errors_total} instead. Call
   * once.
   *
   * @param refused the buffer's running count
   */
  public void bufferRefused(LongSupplier refused) {
    bufferRefused = refused; // Micrometer holds the counted object weakly
    FunctionCounter.builder("switchboard_event_buffer_refused", refused, s -> s.getAsLong())
        .register(registry);
  }

  /**
   * The event buffer dropped a message the broker rejected for good ({@code
   * switchboard_event_buffer_dead_letters_total}).
   */
  public void bufferDeadLetter() {
    bufferDeadLetters.increment();
  }

  /**
   * A backend delivery failed transiently; the broker redelivers it after a backoff ({@code
   * switchboard_consumer_redeliveries_total}).
   */
  public void consumerRedelivery() {
    consumerRedeliveries.increment();
  }

  /**
   * A backend delivery can never be delivered and was dead-lettered ({@code
   * switchboard_consumer_dead_letters_total}).
   */
  public void consumerDeadLetter() {
    consumerDeadLetters.increment();
  }

  /**
   * Registers the memory engine's history meters (issue 7): {@code switchboard_history_rooms}
   * (streams held, at most {@code engine.memory.maxRooms}), {@code
   * switchboard_history_publications} (publications retained) and {@code
   * switchboard_history_evictions_total} (streams evicted by the cap). Call once, only with the
   * memory engine.
   *
   * @param rooms streams held
   * @param publications publications retained
   * @param evictions the running count of evictions
   */
  public void memoryHistory(IntSupplier rooms, LongSupplier publications, LongSupplier evictions) {
    Gauge.builder("switchboard_history_rooms", rooms::getAsInt).register(registry);
    Gauge.builder("switchboard_history_publications", publications::getAsLong).register(registry);
    FunctionCounter.builder("switchboard_history_evictions", evictions, LongSupplier::getAsLong)
        .register(registry);
  }

  /**
   * Registers every engine's own gauges ({@link Engine#gauges}, e.g. {@code
   * switchboard_redis_pipeline_waiting}). Call once.
   *
   * @param engines the running engines
   */
  public void engineGauges(List<Engine> engines) {
    for (Engine engine : engines) {
      engine
          .gauges()
          .forEach(
              (name, value) ->
                  Gauge.builder(name, value, LongSupplier::getAsLong).register(registry));
    }
  }

  /**
   * {@code switchboard_rate_limit_keys}: token buckets the memory engine holds now (bounded by
   * {@code MemoryRateLimits.DEFAULT_MAX_KEYS}). Call once, only with the memory engine.
   *
   * @param keys buckets held
   */
  public void memoryRateLimits(IntSupplier keys) {
    Gauge.builder("switchboard_rate_limit_keys", keys::getAsInt).register(registry);
  }

  /**
   * One incoming text or binary frame ({@code switchboard_frames_in_total}, {@code
   * switchboard_bytes_in_bytes_total}).
   *
   * @param bytes its payload length
   */
  public void frameIn(int bytes) {
    framesIn.increment();
    bytesIn.increment(bytes);
  }

  /**
   * One outgoing frame written from a connection's queue ({@code switchboard_frames_out_total},
   * {@code switchboard_bytes_out_bytes_total}).
   *
   * @param bytes its payload length
   */
  public void frameOut(int bytes) {
    framesOut.increment();
    bytesOut.increment(bytes);
  }

  /**
   * {@code count} outgoing frames of {@code bytes} each (one fan-out group written directly); 0
   * counts nothing.
   *
   * @param count frames written
   * @param bytes the payload length of each
   */
  public void framesOut(int count, int bytes) {
    if (count > 0) {
      framesOut.increment(count);
      bytesOut.increment((double) count * bytes);
    }
  }

  /**
   * A member that missed publications was brought back in line: with the missed events ({@code
   * recovered}) or with a fresh {@code joined} carrying {@code recovered: false} ({@code
   * switchboard_room_resyncs_total{recovered}}).
   *
   * @param recovered whether the missed publications were still in the history
   */
  public void resynced(boolean recovered) {
    (recovered ? resyncRecovered : resyncLost).increment();
  }

  /**
   * A connection closed with 4008 ({@code switchboard_slow_consumer_closes_total{reason}}).
   *
   * @param reason the bound it went over
   */
  public void slowConsumerClosed(SlowConsumer reason) {
    slowConsumers.get(reason).increment();
  }

  /**
   * A connection refused or cut before it became a working client ({@code
   * switchboard_connections_refused_total{reason}}).
   *
   * @param reason why
   */
  public void refused(Refusal reason) {
    refusals.get(reason).increment();
  }

  /**
   * {@code delta} bytes entered (positive) or left (negative) an outbound queue; the sum is the
   * gauge {@code switchboard_outbound_queued_bytes}.
   *
   * @param delta bytes, positive or negative
   */
  public void queuedBytes(long delta) {
    queuedBytes.add(delta);
  }

  /**
   * An error frame or refusal with {@code code} ({@code switchboard_errors_total{code}}).
   *
   * @param code the error code
   */
  public void error(ErrorCode code) {
    errors.get(code).increment();
  }

  /**
   * A publication reached this node's fan-out {@code millis} after its offset was assigned ({@code
   * switchboard_publish_deliver_latency_milliseconds}, with p50, p99 and p999). Clock skew between
   * nodes (or Redis) shows up here; negative values count as 0.
   *
   * @param millis now minus the publication's {@code ts}
   */
  public void delivered(long millis) {
    latency.record(Math.max(0, millis));
  }

  /**
   * The Prometheus text exposition (format 0.0.4) of every meter, for {@code GET /metrics}.
   *
   * @return the text
   */
  public String scrape() {
    return registry.scrape();
  }
}
