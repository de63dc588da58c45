package io.switchboard.bench;

import static io.switchboard.bench.Bench.log;

import io.vertx.core.Context;
import io.vertx.core.http.WebSocketClient;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The {@code joinroom} scenario (issue 7): {@code --subscribers} connections connect and join ONE
 * room ({@code --join-room}); the ramp from the first connect to the last {@code joined} (join ack
 * on Socket.IO) is the measurement. Around it: server and generator CPU (ns from /proc and the JVM,
 * reported in seconds and cores), every frame the clients read by type (a browser reads them all),
 * server RSS (current and peak) and heap right after the ramp, then {@code --tail} seconds in which
 * the frames still arriving are counted ({@code presence_count} ticks, late presence frames), then
 * a forced GC and the memory that stays.
 *
 * <p>Which namespace has presence is read from the {@code joined} frames: a namespace with presence
 * reports {@code presenceCount >= 1} (the joiner itself), one without reports 0.
 */
final class JoinRamp {
  private final Bench cfg;
  private final Run run;
  private final Result res;

  JoinRamp(Bench cfg, Run run, Result res) {
    this.cfg = cfg;
    this.run = run;
    this.res = res;
  }

  /**
   * Runs the ramp and the tail on the connections of {@code plan}; returns those that are ready.
   */
  List<Conn> measure(List<Conn> plan, List<Context> contexts, List<WebSocketClient> clients)
      throws InterruptedException {
    Target target = run.target;
    JoinStats js = new JoinStats(cfg.joinRoom);
    res.join = js;

    long srv0 = target.cpuNanos();
    long sys0 = target.kernelCpuNanos();
    long self0 = ProcStats.selfCpuNanos();
    long[] machine0 = ProcStats.machineNanos();
    long t0 = System.nanoTime() - Run.BASE;
    run.rampStart = t0;
    List<Conn> ready = cfg.connectAll(run, plan, contexts, clients, res);
    long t1 = System.nanoTime() - Run.BASE;
    long srv1 = target.cpuNanos();
    long sys1 = target.kernelCpuNanos();
    long self1 = ProcStats.selfCpuNanos();
    long[] machine1 = ProcStats.machineNanos();
    Counts ramp = Counts.of(run);
    js.rssRamp = target.rssBytes();
    js.heapRamp = target.heapUsed();

    long lastJoined = run.lastJoinedAt.get();
    js.rampSeconds = lastJoined > t0 ? (lastJoined - t0) / 1e9 : Double.NaN;
    double phase = (t1 - t0) / 1e9;
    js.serverCpuSeconds = srv0 >= 0 && srv1 >= 0 ? (srv1 - srv0) / 1e9 : -1;
    js.serverKernelSeconds = sys0 >= 0 && sys1 >= 0 ? (sys1 - sys0) / 1e9 : -1;
    js.benchCpuSeconds = self0 >= 0 && self1 >= 0 ? (self1 - self0) / 1e9 : -1;
    js.phaseSeconds = phase;
    if (machine0 != null && machine1 != null) {
      double machine = (machine1[0] - machine0[0]) / 1e9;
      js.otherCpuCores =
          js.serverCpuSeconds < 0 || js.benchCpuSeconds < 0
              ? -1
              : Math.max(0, machine - js.serverCpuSeconds - js.benchCpuSeconds) / phase;
    }
    Histogram h = run.joinLatency.getIntervalHistogram();
    if (h.getTotalCount() > 0) {
      js.joinP50 = h.getValueAtPercentile(50) / 1000.0;
      js.joinP99 = h.getValueAtPercentile(99) / 1000.0;
      js.joinP999 = h.getValueAtPercentile(99.9) / 1000.0;
      js.joinMax = h.getMaxValue() / 1000.0;
    }
    Histogram done = run.joinDone.getIntervalHistogram();
    if (done.getTotalCount() > 0) {
      for (int i = 0; i < JoinStats.PROGRESS.length; i++) {
        js.progress[i] = done.getValueAtPercentile(JoinStats.PROGRESS[i]) / 1e6;
      }
    }
    js.members = run.maxPresenceCount.get();
    js.frames = ramp.frames;
    js.bytes = ramp.bytes;
    js.joinedFrames = ramp.joined;
    js.joinedBytes = ramp.joinedBytes;
    js.presenceFrames = ramp.presence;
    js.countFrames = ramp.count;
    log(
        "ramp: %d joined in %.2f s (first connect -> last joined); server %.2f cpu-s, generator %.2f cpu-s; "
            + "frames %d (presence %d, presence_count %d), %.1f MB",
        res.connected,
        js.rampSeconds,
        js.serverCpuSeconds,
        js.benchCpuSeconds,
        js.frames,
        js.presenceFrames,
        js.countFrames,
        js.bytes / 1048576.0);

    // ---- tail: what keeps arriving once everybody joined
    long tailEnd = System.nanoTime() + cfg.tailSec * 1_000_000_000L;
    while (System.nanoTime() < tailEnd) {
      Bench.sleep(Math.min(5000, Math.max(1, (tailEnd - System.nanoTime()) / 1_000_000)));
      Counts c = Counts.of(run);
      log(
          "  tail: frames +%d (presence +%d, presence_count +%d)",
          c.frames - ramp.frames, c.presence - ramp.presence, c.count - ramp.count);
    }
    Counts end = Counts.of(run);
    js.tailSeconds = cfg.tailSec;
    js.tailFrames = end.frames - ramp.frames;
    js.tailPresenceFrames = end.presence - ramp.presence;
    js.tailCountFrames = end.count - ramp.count;
    long lastPresence = run.lastPresenceAt.get();
    js.lastPresenceSeconds = lastPresence > t0 ? (lastPresence - t0) / 1e9 : Double.NaN;
    long min = Long.MAX_VALUE;
    long max = 0;
    for (Conn c : ready) {
      min = Math.min(min, c.presenceSeen);
      max = Math.max(max, c.presenceSeen);
    }
    js.presencePerConnMin = ready.isEmpty() ? 0 : min;
    js.presencePerConnMax = max;

    js.rssPeak = target.rssPeakBytes();
    if (cfg.forceGc) target.forceGc();
    res.rssAfter = target.rssBytes();
    res.heapAfter = target.heapUsed();
    return ready;
  }

  /** The frame counters of {@link Run} at one moment. */
  private record Counts(
      long frames, long bytes, long joined, long joinedBytes, long presence, long count) {
    static Counts of(Run run) {
      return new Counts(
          run.framesIn.sum(),
          run.bytesIn.sum(),
          run.joinedFrames.sum(),
          run.joinedBytes.sum(),
          run.presenceFrames.sum(),
          run.presenceCountFrames.sum());
    }
  }
}
