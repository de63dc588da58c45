package io.switchboard.server.signal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's in-process fan-out of {@link Signal}s (issue 11 point 3): {@link #emit} calls every
 * subscriber on the emitter's thread, in subscription order; a subscriber must return quickly (hand
 * the signal to its own queue). A subscriber that throws is logged and skipped: the emitter never
 * sees it. Thread-safe.
 */
public final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private final List<Consumer<Signal>> subscribers = new CopyOnWriteArrayList<>();

  /** Hands {@code signal} to every subscriber; never throws. */
  public void emit(Signal signal) {
    for (Consumer<Signal> s : subscribers) {
      try {
        s.accept(signal);
      } catch (RuntimeException e) {
        LOG.warn(
            "a subscriber failed on signal {} {}: {}", signal.type(), signal.id(), e.toString());
      }
    }
  }

  /**
   * Adds a subscriber.
   *
   * @return removes it again
   */
  public Runnable subscribe(Consumer<Signal> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }
}
