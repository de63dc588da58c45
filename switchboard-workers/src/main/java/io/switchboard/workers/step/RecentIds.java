package io.switchboard.workers.step;

import io.switchboard.workers.report.Completion;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The step messages a worker handled lately, by {@link StepMessage#dedupKey()} (issue 9 point 7:
 * deliveries are at least once, a redelivery must not run the step twice): for each, the work's
 * completion and the handling's outcome, both possibly still running.
 *
 * <p>Bounded: the oldest entry goes when {@code capacity} is exceeded (a redelivery older than that
 * runs again and is reported again; the gateway answers 200 to a duplicate completion).
 * Thread-safe; a plain insertion-ordered map under a lock, no cache library: one short critical
 * section per delivery. Under a concurrent consume (issue 9 point 9) two deliveries of one key can
 * be in flight at once, so a handler claims its key with {@link #claim}, which decides and
 * remembers in one step.
 */
final class RecentIds {
  /**
   * One handled message.
   *
   * @param work the completion the work produced (a failed step is a completion too)
   * @param handled completes as the delivery should be settled: success acks
   */
  record Entry(Future<Completion> work, Future<Void> handled) {}

  private final Map<String, Entry> entries;

  /**
   * @param capacity the most keys remembered, at least 1
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  RecentIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: must be at least 1 (got " + capacity + ")");
    }
    this.entries =
        new LinkedHashMap<>(Math.min(capacity, 1024) * 2) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The entry of {@code key}, or {@code null}. */
  synchronized Entry get(String key) {
    return entries.get(key);
  }

  /** Remembers {@code entry} as the newest, replacing an earlier one of the same key. */
  synchronized void put(String key, Entry entry) {
    entries.remove(key);
    entries.put(key, entry);
  }

  /**
   * Claims {@code key} for a new handling, atomically: remembers {@code mine} as the newest entry
   * unless an entry is remembered that {@code replaceable} refuses.
   *
   * @param key the message's dedup key
   * @param mine the entry of the handling that wants to run
   * @param replaceable whether a remembered entry may be replaced (e.g. its report failed
   *     transiently); called under the lock, must be quick
   * @return the entry remembered before ({@code null} if none), and whether {@code mine} took its
   *     place; when it did not, the caller settles like that entry
   */
  synchronized Claim claim(String key, Entry mine, Predicate<Entry> replaceable) {
    Entry prior = entries.get(key);
    boolean claimed = prior == null || replaceable.test(prior);
    if (claimed) {
      entries.remove(key);
      entries.put(key, mine);
    }
    return new Claim(prior, claimed);
  }

  /**
   * What {@link #claim} found.
   *
   * @param prior the entry remembered before, or {@code null}
   * @param claimed whether the new entry was remembered in its place
   */
  record Claim(Entry prior, boolean claimed) {}

  /** How many keys are remembered. */
  synchronized int size() {
    return entries.size();
  }
}
