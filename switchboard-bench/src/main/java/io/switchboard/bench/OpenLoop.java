package io.switchboard.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * An open-loop HTTP load (the tunnel and edge benchmarks): request {@code i} is due at {@code i /
 * rate} s and its latency counts from then, so a server that falls behind shows it (no coordinated
 * omission). Requests beyond {@code maxInFlight} open ones are not sent and count as errors.
 */
final class OpenLoop {
  /** One request: its index in the phase → completes when answered as expected. */
  interface Call {
    Future<Void> send(long i);
  }

  /**
   * A phase's figures, latencies in nanoseconds; {@code worstAt} is when (epoch ms) the slowest
   * answered request was due, to find its cause in the processes' GC logs.
   */
  record Phase(
      long sent, long ok, long errors, double seconds, ConcurrentHistogram latency, long worstAt) {
    double p(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1e6;
    }
  }

  private final Context context;
  private final int maxInFlight;
  private final AtomicLong open = new AtomicLong();

  /**
   * @param context where requests are sent from (one event loop)
   * @param maxInFlight requests open at once at most
   */
  OpenLoop(Context context, int maxInFlight) {
    this.context = context;
    this.maxInFlight = maxInFlight;
  }

  /** Runs {@code call} at {@code rate}/s for {@code seconds}, then waits up to 15 s for answers. */
  Phase run(int rate, int seconds, Call call) throws InterruptedException {
    ConcurrentHistogram h = new ConcurrentHistogram(3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long[] worst = {0, 0}; // latency, due time (epoch ms): written on the context only
    long t0 = System.nanoTime();
    long sent = load(rate, seconds, call, h, ok, errors, worst);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (open.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long worstAt;
    synchronized (worst) {
      worstAt = worst[1];
    }
    return new Phase(sent, ok.get(), errors.get(), (System.nanoTime() - t0) / 1e9, h, worstAt);
  }

  /** Requests sent and not answered yet. */
  long open() {
    return open.get();
  }

  private long load(
      int rate,
      int seconds,
      Call call,
      ConcurrentHistogram h,
      AtomicLong ok,
      AtomicLong errors,
      long[] worst)
      throws InterruptedException {
    long start = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long due = 0;
    long sent = 0;
    while (System.nanoTime() < end) {
      long now = (System.nanoTime() - start) * rate / 1_000_000_000L;
      for (; due < now; due++) {
        if (open.get() >= maxInFlight) {
          errors.incrementAndGet(); // counted as an error: the system fell behind
          continue;
        }
        long scheduled = start + due * 1_000_000_000L / rate;
        long i = due;
        open.incrementAndGet();
        sent++;
        context.runOnContext(
            v ->
                call.send(i)
                    .onComplete(
                        ar -> {
                          open.decrementAndGet();
                          if (ar.succeeded()) {
                            ok.incrementAndGet();
                            long took = Math.max(0, System.nanoTime() - scheduled);
                            h.recordValue(took);
                            synchronized (worst) {
                              if (took > worst[0]) {
                                worst[0] = took;
                                worst[1] = startMillis + (scheduled - start) / 1_000_000;
                              }
                            }
                          } else if (errors.incrementAndGet() <= 5) {
                            Bench.log("request failed: %s", ar.cause().getMessage());
                          }
                        }));
      }
      Thread.sleep(1);
    }
    return sent;
  }
}
