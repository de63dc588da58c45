package io.switchboard.bench;

import static io.switchboard.bench.Report.bytes;
import static io.switchboard.bench.Report.mb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One (scenario, system) measurement: what the generator saw and what the server cost. */
final class Result {
  final String scenario;
  final Sys sys;

  /**
   * Server nodes driven (1 = a single server, more = a cluster; CPU, RSS and heap are summed over
   * them).
   */
  int nodes = 1;

  int planned;
  int connected;
  int connectFailures;
  double connectSeconds;
  int publishers;
  double offeredPerSec;
  long published;
  long acks;
  long expected;
  long received;
  long windowDelivered;
  long lost;
  long extra;
  long samples;
  double deliveredPerSec = Double.NaN;

  /** The server's system calls over the window by name ({@code perf stat}; empty without perf). */
  java.util.Map<String, Long> serverSyscalls = java.util.Map.of();

  long syscallSeconds;
  double p50 = Double.NaN;
  double p99 = Double.NaN;
  double p999 = Double.NaN;
  double max = Double.NaN;
  double mean = Double.NaN;
  double joinP50 = Double.NaN;
  double joinP99 = Double.NaN;
  long rssBefore = -1;
  long rssAfter = -1;
  long heapBefore = -1;
  long heapAfter = -1;
  double serverCpuCores = -1;
  double benchCpuCores = -1;

  /** CPU of the shared redis-server over the window (--redis-pid), -1 if not measured. */
  double redisCpuCores = -1;

  /**
   * CPU used by all processes of the machine over the window (/proc/stat user+nice+system), -1 if
   * not measured.
   */
  double machineCpuCores = -1;

  /** irq + softirq time of the machine over the window, -1 if not measured. */
  double irqCpuCores = -1;

  /** CPU stolen by the hypervisor over the window, -1 if not measured. */
  double stealCpuCores = -1;

  long serverErrors;
  long unexpectedCloses;
  long backpressure;
  long otherFrames;
  long perConnMin;
  long perConnMax;
  boolean serverAlive = true;
  String firstError;

  /** The joinroom ramp's figures; null for the other scenarios. */
  JoinStats join;

  final List<String> notes = new ArrayList<>();

  Result(String scenario, Sys sys) {
    this.scenario = scenario;
    this.sys = sys;
  }

  double memPerConn() {
    return rssBefore > 0 && rssAfter > 0 && connected > 0
        ? (rssAfter - rssBefore) / (double) connected
        : Double.NaN;
  }

  double heapPerConn() {
    return heapBefore > 0 && heapAfter > 0 && connected > 0
        ? (heapAfter - heapBefore) / (double) connected
        : Double.NaN;
  }

  /**
   * CPU used during the window by processes other than the server, the generator and (if measured)
   * redis-server: other work on a shared machine. -1 if unknown.
   */
  double otherCpuCores() {
    if (machineCpuCores < 0 || serverCpuCores < 0 || benchCpuCores < 0) return -1;
    return Math.max(
        0,
        machineCpuCores - serverCpuCores - benchCpuCores - (redisCpuCores > 0 ? redisCpuCores : 0));
  }

  /**
   * Scenario label in tables: {@code fanout} for one node, {@code fanout/3n} for a 3-node cluster.
   */
  String label() {
    return nodes > 1 ? scenario + "/" + nodes + "n" : scenario;
  }

  void print() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "--- result %s / %s%s%n",
            scenario,
            sys.label,
            nodes > 1
                ? " (" + nodes + "-node cluster; server cpu/rss/heap summed over the nodes)"
                : ""));
    sb.append(
        String.format(
            Locale.ROOT,
            "  connections   %d/%d ready (%d failed) in %.1f s%n",
            connected,
            planned,
            connectFailures,
            connectSeconds));
    if (join != null) {
      join.print(sb, this);
    } else if (!scenario.equals("idle")) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  publishers    %d, published %d, acked %d, offered %.0f deliveries/s%n",
              publishers,
              published,
              acks,
              offeredPerSec));
      sb.append(
          String.format(
              Locale.ROOT,
              "  delivered     %.0f /s during window; total %d of %d expected, lost %d, extra %d%n",
              deliveredPerSec,
              received,
              expected,
              lost,
              extra));
      sb.append(
          String.format(
              Locale.ROOT, "  per-conn      min %d / max %d deliveries%n", perConnMin, perConnMax));
      sb.append(
          String.format(
              Locale.ROOT,
              "  latency ms    p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  mean %.2f  (%d samples)%n",
              p50,
              p99,
              p999,
              max,
              mean,
              samples));
      sb.append(
          String.format(
              Locale.ROOT,
              "  join ms       p50 %.2f  p99 %.2f  (join sent -> joined, during the connection ramp)%n",
              joinP50,
              joinP99));
      sb.append(
          String.format(
              Locale.ROOT,
              "  cpu cores     server %.2f, load generator %.2f%s (of %d)%n",
              serverCpuCores,
              benchCpuCores,
              redisCpuCores >= 0
                  ? String.format(Locale.ROOT, ", redis-server %.2f", redisCpuCores)
                  : "",
              Runtime.getRuntime().availableProcessors()));
      if (!serverSyscalls.isEmpty() && syscallSeconds > 0) {
        long writes = 0;
        for (String w : new String[] {"write", "writev", "sendto", "sendmsg"}) {
          writes += serverSyscalls.getOrDefault(w, 0L);
        }
        double perSec = writes / (double) syscallSeconds;
        sb.append(
            String.format(
                Locale.ROOT,
                "  syscalls      server writes %.0f/s (%.3f per delivery); per second: %s (perf stat)%n",
                perSec,
                deliveredPerSec > 0 ? perSec / deliveredPerSec : Double.NaN,
                serverSyscalls.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue() / syscallSeconds)
                    .collect(java.util.stream.Collectors.joining(", "))));
      }
      if (machineCpuCores >= 0) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  machine cpu   processes %.2f cores, of which %.2f other processes (not server, generator, redis-server); "
                    + "irq+softirq %.2f; steal %.2f%n",
                machineCpuCores,
                otherCpuCores(),
                irqCpuCores,
                stealCpuCores));
      }
    }
    if (join == null)
      sb.append(
          String.format(
              Locale.ROOT,
              "  server rss    %s -> %s  => %s/conn; heap %s -> %s => %s/conn%n",
              mb(rssBefore),
              mb(rssAfter),
              bytes(memPerConn()),
              mb(heapBefore),
              mb(heapAfter),
              bytes(heapPerConn())));
    sb.append(
        String.format(
            Locale.ROOT,
            "  errors        server %d, unexpected closes %d, publisher backpressure %d, unknown frames %d, server alive %s%n",
            serverErrors,
            unexpectedCloses,
            backpressure,
            otherFrames,
            serverAlive));
    if (firstError != null) sb.append("  first error   ").append(firstError).append('\n');
    for (String n : notes) sb.append("  note          ").append(n).append('\n');
    System.out.print(sb);
    System.out.flush();
  }
}
