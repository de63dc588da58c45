package io.switchboard.engine.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bookkeeping of {@link RedisPubSub}: per channel, the node-local reference count and the
 * confirmation of its {@code SUBSCRIBE}, and how many {@code SUBSCRIBE}s of a channel await Redis's
 * reply (a channel confirmed twice in a row must wait for both). Confined to the pub/sub context;
 * not thread-safe.
 */
final class RedisSubscriptions {
  private final Map<String, Subscription> subs = new HashMap<>();
  private final Map<String, Integer> unconfirmed = new HashMap<>();
  private final Set<String> queued = new LinkedHashSet<>();

  /**
   * Adds one reference to {@code channel}.
   *
   * @return whether this is the first (the caller sends {@code SUBSCRIBE})
   */
  boolean add(String channel) {
    Subscription s = subs.get(channel);
    boolean first = s == null;
    if (first) {
      s = new Subscription();
      subs.put(channel, s);
    }
    s.refs++;
    return first;
  }

  /** Completes when Redis confirmed the channel (again, after a reconnect). */
  Future<Void> confirmation(String channel) {
    return subs.get(channel).confirmed.future();
  }

  /**
   * Drops one reference.
   *
   * @return whether it was the last (the caller sends {@code UNSUBSCRIBE})
   */
  boolean remove(String channel) {
    Subscription s = subs.get(channel);
    if (s == null || --s.refs > 0) {
      return false;
    }
    subs.remove(channel);
    s.confirmed.tryFail(new IllegalStateException("unsubscribed before confirmation"));
    return true;
  }

  boolean contains(String channel) {
    return subs.containsKey(channel);
  }

  int size() {
    return subs.size();
  }

  /**
   * Queues a first subscription for the next batched {@code SUBSCRIBE}.
   *
   * @return whether the queue was empty (the caller schedules {@link #drainQueued})
   */
  boolean queue(String channel) {
    boolean first = queued.isEmpty();
    queued.add(channel);
    return first;
  }

  /**
   * The queued channels still referenced, in batches of at most {@code batch}; empties the queue.
   */
  List<List<String>> drainQueued(int batch) {
    List<List<String>> batches = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String channel : queued) {
      if (subs.containsKey(channel)) {
        current.add(channel);
        if (current.size() == batch) {
          batches.add(current);
          current = new ArrayList<>();
        }
      }
    }
    queued.clear();
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  /** A {@code SUBSCRIBE} naming {@code channel} was sent. */
  void sent(String channel) {
    unconfirmed.merge(channel, 1, Integer::sum);
  }

  /**
   * Redis confirmed one {@code SUBSCRIBE} of {@code channel}.
   *
   * @return whether this completed a subscription that had been confirmed before (a resubscription
   *     after a loss: messages published meanwhile may be lost)
   */
  boolean confirmed(String channel) {
    Integer left = unconfirmed.computeIfPresent(channel, (k, n) -> n > 1 ? n - 1 : null);
    Subscription s = subs.get(channel);
    if (left != null || s == null) {
      return false;
    }
    boolean again = s.everConfirmed;
    s.everConfirmed = true;
    s.confirmed.tryComplete();
    return again;
  }

  /**
   * The connection was lost: subscriptions never confirmed fail and hold no reference; the others
   * will be subscribed again.
   */
  void lost() {
    subs.values()
        .removeIf(
            s ->
                !s.everConfirmed
                    && s.confirmed.tryFail(
                        new IllegalStateException(
                            "Redis pub/sub connection lost before confirmation")));
  }

  /**
   * Every channel to subscribe on a new connection, in batches of at most {@code batch}; later
   * subscribers of a channel wait for Redis to confirm it again.
   */
  List<List<String>> resubscribe(int batch) {
    unconfirmed.clear();
    List<List<String>> batches = new ArrayList<>();
    List<String> current = new ArrayList<>(Math.min(subs.size(), batch));
    for (Map.Entry<String, Subscription> e : subs.entrySet()) {
      if (e.getValue().confirmed.future().isComplete()) {
        e.getValue().confirmed = Promise.promise();
      }
      current.add(e.getKey());
      if (current.size() == batch) {
        batches.add(current);
        current = new ArrayList<>(batch);
      }
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  /** A channel's reference count and the confirmation of its SUBSCRIBE. */
  private static final class Subscription {
    int refs;
    boolean everConfirmed;
    Promise<Void> confirmed = Promise.promise();
  }
}
