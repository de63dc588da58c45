package io.switchboard.bench;

import static io.switchboard.bench.Bench.log;
import static io.switchboard.bench.Bench.sleep;
import static io.switchboard.bench.Bench.sleepUntil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The publishing scenarios ({@code fanout}, {@code rooms}) once connected: every publisher sends at
 * its rate for {@code --warmup} then the {@code --duration} window, then the drain waits for what
 * is still in flight; deliveries, latency (µs histogram, reported in ms), CPU (cores over the
 * window) and losses go into the {@link Result}.
 */
final class Publishing {
  private final Bench cfg;

  Publishing(Bench cfg) {
    this.cfg = cfg;
  }

  /**
   * Publishes from the publishers among {@code ready} at {@code perPublisherRate}/s and measures.
   */
  void measure(Run run, List<Conn> ready, double perPublisherRate, Result res)
      throws InterruptedException {
    Map<String, Integer> members = new HashMap<>();
    List<Conn> publishers = new ArrayList<>();
    for (Conn c : ready) {
      members.merge(c.room, 1, Integer::sum);
      if (c.publisher) publishers.add(c);
    }
    res.publishers = publishers.size();
    double offeredDeliveries = 0;
    for (Conn p : publishers) offeredDeliveries += perPublisherRate * members.get(p.room);
    res.offeredPerSec = offeredDeliveries;
    log(
        "%d publishers at %.1f/s, offered %.0f deliveries/s, warmup %d s, window %d s",
        publishers.size(), perPublisherRate, offeredDeliveries, cfg.warmupSec, cfg.durationSec);

    long now = System.nanoTime() - Run.BASE;
    run.pubStart = now + 500_000_000L;
    run.windowStart = run.pubStart + cfg.warmupSec * 1_000_000_000L;
    run.windowEnd = run.windowStart + cfg.durationSec * 1_000_000_000L;
    for (Conn p : publishers) p.startPublishing(perPublisherRate);

    sleepUntil(run.windowStart);
    long recv0 = run.received.sum();
    long self0 = ProcStats.selfCpuNanos();
    long srv0 = run.target.cpuNanos();
    Process perf = ProcStats.countSyscalls(run.target.pids(), cfg.durationSec);
    long redis0 = ProcStats.cpuNanos(cfg.redisPid);
    long[] machine0 = ProcStats.machineNanos();
    long w0 = System.nanoTime();
    run.latency.reset();
    long lastReport = System.nanoTime();
    long lastRecv = recv0;
    while (System.nanoTime() - Run.BASE < run.windowEnd) {
      sleep(
          Math.min(
              1000, Math.max(1, (run.windowEnd - (System.nanoTime() - Run.BASE)) / 1_000_000)));
      long t = System.nanoTime();
      if (t - lastReport >= 5_000_000_000L) {
        long r = run.received.sum();
        log(
            "  window: %.0f deliveries/s (last 5 s), acks %d, errors %d",
            (r - lastRecv) / ((t - lastReport) / 1e9), run.acks.sum(), run.serverErrors.sum());
        lastRecv = r;
        lastReport = t;
      }
    }
    long recv1 = run.received.sum();
    long w1 = System.nanoTime();
    long self1 = ProcStats.selfCpuNanos();
    long srv1 = run.target.cpuNanos();

    long redis1 = ProcStats.cpuNanos(cfg.redisPid);
    long[] machine1 = ProcStats.machineNanos();
    double windowSec = (w1 - w0) / 1e9;
    res.deliveredPerSec = (recv1 - recv0) / windowSec;
    res.serverSyscalls = ProcStats.syscallCounts(perf);
    res.syscallSeconds = cfg.durationSec;
    res.benchCpuCores = self0 >= 0 && self1 >= 0 ? (self1 - self0) / 1e9 / windowSec : -1;
    res.serverCpuCores = srv0 >= 0 && srv1 >= 0 ? (srv1 - srv0) / 1e9 / windowSec : -1;
    res.redisCpuCores = redis0 >= 0 && redis1 >= 0 ? (redis1 - redis0) / 1e9 / windowSec : -1;
    if (machine0 != null && machine1 != null) {
      res.machineCpuCores = (machine1[0] - machine0[0]) / 1e9 / windowSec;
      res.irqCpuCores = (machine1[1] - machine0[1]) / 1e9 / windowSec;
      res.stealCpuCores = (machine1[2] - machine0[2]) / 1e9 / windowSec;
    }

    // ---- drain: wait until everything expected arrived, or no progress for 2 s, or --drain
    long drainEnd = System.nanoTime() + cfg.drainSec * 1_000_000_000L;
    long lastProgress = System.nanoTime();
    long prev = -1;
    long expected = 0;
    while (System.nanoTime() < drainEnd) {
      sleep(200);
      expected = 0;
      for (Conn p : publishers) expected += p.sent * members.get(p.room);
      long r = run.received.sum();
      if (r >= expected) break;
      if (r != prev) {
        prev = r;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > 3_000_000_000L) {
        break;
      }
    }
    long sent = 0;
    expected = 0;
    for (Conn p : publishers) {
      sent += p.sent;
      expected += p.sent * members.get(p.room);
    }
    res.published = sent;
    res.acks = run.acks.sum();
    res.expected = expected;
    res.received = run.received.sum();
    res.lost = Math.max(0, expected - res.received);
    res.extra = Math.max(0, res.received - expected);
    res.windowDelivered = run.windowDelivered.sum();
    Histogram joins = run.joinLatency.getIntervalHistogram();
    if (joins.getTotalCount() > 0) {
      res.joinP50 = joins.getValueAtPercentile(50) / 1000.0;
      res.joinP99 = joins.getValueAtPercentile(99) / 1000.0;
    }
    Histogram h = run.latency.getIntervalHistogram();
    res.samples = h.getTotalCount();
    if (h.getTotalCount() > 0) {
      res.p50 = h.getValueAtPercentile(50) / 1000.0;
      res.p99 = h.getValueAtPercentile(99) / 1000.0;
      res.p999 = h.getValueAtPercentile(99.9) / 1000.0;
      res.max = h.getMaxValue() / 1000.0;
      res.mean = h.getMean() / 1000.0;
    }
    res.backpressure = run.publisherBackpressure.sum();
    res.otherFrames = run.otherFrames.sum();
    // per-subscriber spread of deliveries
    long min = Long.MAX_VALUE;
    long max = 0;
    for (Conn c : ready) {
      long v = c.received;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    res.perConnMin = min == Long.MAX_VALUE ? 0 : min;
    res.perConnMax = max;
    // per node: deliveries received by its connections vs expected (Σ sent into each connection's
    // room)
    int n = run.target.size();
    if (n > 1) {
      Map<String, Long> sentByRoom = new HashMap<>();
      for (Conn p : publishers) sentByRoom.merge(p.room, p.sent, Long::sum);
      long[] got = new long[n];
      long[] want = new long[n];
      for (Conn c : ready) {
        got[c.node.index()] += c.received;
        want[c.node.index()] += sentByRoom.getOrDefault(c.room, 0L);
      }
      StringBuilder sb = new StringBuilder("received/expected per node:");
      for (int i = 0; i < n; i++) {
        sb.append(
            String.format(
                Locale.ROOT, " n%d(:%d) %d/%d", i, run.target.node(i).port(), got[i], want[i]));
        if (want[i] > 0 && got[i] < want[i])
          sb.append(
              String.format(Locale.ROOT, " (%.2f%% lost)", 100.0 * (want[i] - got[i]) / want[i]));
      }
      res.notes.add(sb.toString());
      int[] pubsPerNode = new int[n];
      for (Conn p : publishers) pubsPerNode[p.node.index()]++;
      res.notes.add("publishers per node " + java.util.Arrays.toString(pubsPerNode));
    }
  }
}
