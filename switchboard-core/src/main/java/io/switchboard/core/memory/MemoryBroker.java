package io.switchboard.core.memory;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerLimits;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Rejected;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * In-memory {@link Broker} (SPEC "Engines", broker; RabbitMQ semantics in one process).
 *
 * <ul>
 *   <li>Exchanges are topic exchanges ({@link TopicPattern}); a message matching no binding is
 *       dropped. Each matching queue gets the message once, even if bound by several patterns.
 *   <li>{@link #publish} checks each message with {@link BrokerLimits#problem} (the body bound is
 *       the constructor's, {@link BrokerLimits#DEFAULT_MAX_BODY_BYTES} by default) and reports
 *       those that fail as {@link Rejected}, as RabbitMQ would refuse them; it routes the others
 *       under one lock, so batches are enqueued in order. It fails with {@link
 *       IllegalStateException}, enqueuing nothing, when a target queue would exceed {@link
 *       #DEFAULT_QUEUE_CAPACITY} (or the constructor's capacity) messages.
 *   <li>Messages published before anyone consumes stay queued. A queue delivers round-robin over
 *       its consumers, at most as many messages at once as the concurrency of the consumer whose
 *       turn it is: with {@code consume(queue, handler)} one at a time (prefetch 1), so order is
 *       kept; with {@code consume(queue, n, handler)} up to {@code n}, each settled on its own (one
 *       process, so there is no single-active-consumer standby here). A handler future failed with
 *       {@link io.switchboard.core.broker.Undeliverable} moves the message at once to the queue
 *       {@code <queue>.dlq}, which can be consumed like any other; a full dead-letter queue drops
 *       its oldest waiting message (logged) instead of refusing. Any other failure (or a thrown
 *       exception) hands the same message to a consumer again after a backoff, {@link
 *       #DEFAULT_REDELIVERY_INITIAL} doubling up to {@link #DEFAULT_REDELIVERY_MAX} by default,
 *       without a limit; it keeps its slot meanwhile, so with concurrency 1 nothing later in the
 *       queue is delivered. A handler future that never completes holds its slot for good (with
 *       concurrency 1 it stalls the queue).
 * </ul>
 *
 * <p>See {@link MemoryQueue} for the threading of handler calls. Thread-safe.
 */
public final class MemoryBroker implements Broker {
  /** Default delay before a message whose handler failed transiently is delivered again: 100 ms. */
  public static final Duration DEFAULT_REDELIVERY_INITIAL = Duration.ofMillis(100);

  /** Default longest delay between redeliveries (the delay doubles up to it): 5 s. */
  public static final Duration DEFAULT_REDELIVERY_MAX = Duration.ofSeconds(5);

  /** Suffix of a queue's dead-letter queue: {@code .dlq}, as on RabbitMQ. */
  public static final String DLQ_SUFFIX = ".dlq";

  /** Default bound of each queue, in messages: 100000. */
  public static final int DEFAULT_QUEUE_CAPACITY = 100_000;

  private final int capacity;
  private final int maxBodyBytes;
  private final long redeliveryInitialMs;
  private final long redeliveryMaxMs;
  private final Map<String, Set<Binding>> exchanges = new HashMap<>(); // guarded by this
  private final Map<String, MemoryQueue> queues = new ConcurrentHashMap<>();

  /** A broker whose queues hold up to {@link #DEFAULT_QUEUE_CAPACITY} messages each. */
  public MemoryBroker() {
    this(DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * A broker with the default body bound and redelivery backoff.
   *
   * @param capacity the bound of each queue, in messages; positive
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public MemoryBroker(int capacity) {
    this(
        capacity,
        BrokerLimits.DEFAULT_MAX_BODY_BYTES,
        DEFAULT_REDELIVERY_INITIAL,
        DEFAULT_REDELIVERY_MAX);
  }

  /**
   * @param capacity the bound of each queue, in messages; positive
   * @param maxBodyBytes the largest body {@link #publish} takes, in bytes; positive
   * @param redeliveryInitial the delay before the first redelivery after a transient handler
   *     failure; positive
   * @param redeliveryMax the longest delay between redeliveries; {@code >= redeliveryInitial}
   * @throws IllegalArgumentException if a value is out of range
   */
  public MemoryBroker(
      int capacity, int maxBodyBytes, Duration redeliveryInitial, Duration redeliveryMax) {
    if (capacity < 1 || maxBodyBytes < 1) {
      throw new IllegalArgumentException("capacity and maxBodyBytes must be positive");
    }
    if (redeliveryInitial.toMillis() < 1 || redeliveryMax.compareTo(redeliveryInitial) < 0) {
      throw new IllegalArgumentException("need redeliveryInitial >= 1 ms and redeliveryMax >= it");
    }
    this.capacity = capacity;
    this.maxBodyBytes = maxBodyBytes;
    this.redeliveryInitialMs = redeliveryInitial.toMillis();
    this.redeliveryMaxMs = redeliveryMax.toMillis();
  }

  /** {@inheritDoc} Idempotent; already completed. */
  @Override
  public Future<Void> declare(String exchange) {
    Objects.requireNonNull(exchange, "exchange");
    synchronized (this) {
      exchanges.computeIfAbsent(exchange, e -> new LinkedHashSet<>());
    }
    return Future.succeededFuture();
  }

  /** {@inheritDoc} Already completed. */
  @Override
  public Future<Void> bind(String queue, String exchange, String pattern) {
    Objects.requireNonNull(exchange, "exchange");
    MemoryQueue q = queue(queue);
    synchronized (this) {
      exchanges
          .computeIfAbsent(exchange, e -> new LinkedHashSet<>())
          .add(new Binding(q, new TopicPattern(pattern)));
    }
    return Future.succeededFuture();
  }

  /** {@inheritDoc} Already completed: succeeded, or failed when a queue is full. */
  @Override
  public Future<List<Rejected>> publish(List<BrokerMessage> batch) {
    List<BrokerMessage> messages = new ArrayList<>(batch.size());
    List<Rejected> rejected = new ArrayList<>();
    for (BrokerMessage m : batch) {
      String problem = BrokerLimits.problem(m, maxBodyBytes);
      if (problem == null) {
        messages.add(m);
      } else {
        rejected.add(new Rejected(m, problem));
      }
    }
    Set<MemoryQueue> touched = new LinkedHashSet<>();
    synchronized (this) {
      List<List<MemoryQueue>> routes = new ArrayList<>(messages.size());
      Map<MemoryQueue, Integer> counts = new HashMap<>();
      for (BrokerMessage m : messages) {
        List<MemoryQueue> targets = route(m);
        routes.add(targets);
        targets.forEach(q -> counts.merge(q, 1, Integer::sum));
      }
      for (Map.Entry<MemoryQueue, Integer> c : counts.entrySet()) {
        if (c.getKey().size() + c.getValue() > capacity) {
          return Future.failedFuture(new IllegalStateException("queue full: " + c.getKey().name()));
        }
      }
      for (int i = 0; i < messages.size(); i++) {
        for (MemoryQueue q : routes.get(i)) {
          q.enqueue(messages.get(i));
          touched.add(q);
        }
      }
    }
    touched.forEach(MemoryQueue::pump); // outside the broker lock: handlers may publish
    return Future.succeededFuture(List.copyOf(rejected));
  }

  /** {@inheritDoc} Creates the queue if it was never bound (e.g. a dead-letter queue). */
  @Override
  public Future<Runnable> consume(
      String queue, int concurrency, Function<BrokerMessage, Future<Void>> handler) {
    Broker.checkConcurrency(concurrency);
    Objects.requireNonNull(handler, "handler");
    return Future.succeededFuture(queue(queue).addConsumer(concurrency, handler));
  }

  /**
   * Messages waiting in {@code queue}, including those in flight (for tests and metrics).
   *
   * @param queue the queue name
   * @return the count; 0 for a queue never bound or consumed
   */
  public int depth(String queue) {
    MemoryQueue q = queues.get(queue);
    return q == null ? 0 : q.size();
  }

  private List<MemoryQueue> route(BrokerMessage m) {
    Set<MemoryQueue> targets = new LinkedHashSet<>();
    for (Binding b : exchanges.getOrDefault(m.exchange(), Set.of())) {
      if (b.pattern.matches(m.routingKey())) {
        targets.add(b.queue);
      }
    }
    return List.copyOf(targets);
  }

  private MemoryQueue queue(String name) {
    Objects.requireNonNull(name, "queue");
    return queues.computeIfAbsent(
        name, n -> new MemoryQueue(n, this::deadLetter, redeliveryInitialMs, redeliveryMaxMs));
  }

  private void deadLetter(String queue, BrokerMessage m) {
    MemoryQueue dlq = queue(queue + DLQ_SUFFIX);
    dlq.enqueueDroppingOldest(m, capacity);
    dlq.pump();
  }

  private record Binding(MemoryQueue queue, TopicPattern pattern) {}
}
