package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results file (one TSV row per scenario and system) and the comparison table with ratios. */
final class Report {
  private Report() {}

  static final String HEADER =
      String.join(
          "\t",
          "time",
          "scenario",
          "system",
          "connections",
          "delivered_per_s",
          "p50_ms",
          "p99_ms",
          "p999_ms",
          "max_ms",
          "lost",
          "expected",
          "mem_per_conn_b",
          "heap_per_conn_b",
          "server_cpu",
          "bench_cpu",
          "connect_failures",
          "server_errors",
          "offered_per_s",
          "nodes",
          "redis_cpu",
          "other_cpu",
          JoinStats.HEADER);

  /**
   * Index of the first joinroom column ({@link JoinStats#HEADER}); rows of other scenarios leave
   * them empty.
   */
  private static final int JOIN_COLUMNS = 21;

  static void appendRow(Path file, Result r) throws IOException {
    String row =
        String.join(
            "\t",
            Instant.now().toString(),
            r.scenario,
            r.sys.label,
            Integer.toString(r.connected),
            f(r.deliveredPerSec, 1),
            f(r.p50, 3),
            f(r.p99, 3),
            f(r.p999, 3),
            f(r.max, 3),
            noDeliveries(r) ? "" : Long.toString(r.lost),
            noDeliveries(r) ? "" : Long.toString(r.expected),
            f(r.memPerConn(), 0),
            f(r.heapPerConn(), 0),
            f(r.serverCpuCores, 2),
            f(r.benchCpuCores, 2),
            Integer.toString(r.connectFailures),
            Long.toString(r.serverErrors),
            f(r.offeredPerSec, 0),
            Integer.toString(r.nodes),
            f(r.redisCpuCores, 2),
            f(r.otherCpuCores(), 2),
            r.join != null
                ? r.join.columns(r)
                : "\t".repeat(JoinStats.HEADER.split("\t").length - 1));
    if (!Files.exists(file) || Files.size(file) == 0) {
      Files.writeString(file, HEADER + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    Files.writeString(file, row + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** idle and joinroom publish nothing: their rows leave the delivery columns empty. */
  private static boolean noDeliveries(Result r) {
    return r.scenario.equals("idle") || r.join != null;
  }

  static void printReport(Path file) throws IOException {
    List<Result> rs = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("time\t")) continue;
      String[] c = line.split("\t", -1);
      Result r = new Result(c[1], Sys.parse(c[2]));
      r.connected = Integer.parseInt(c[3]);
      r.deliveredPerSec = d(c[4]);
      r.p50 = d(c[5]);
      r.p99 = d(c[6]);
      r.p999 = d(c[7]);
      r.max = d(c[8]);
      r.lost = c[9].isEmpty() ? -1 : Long.parseLong(c[9]);
      r.expected = c[10].isEmpty() ? -1 : Long.parseLong(c[10]);
      double mem = d(c[11]);
      double heap = d(c[12]);
      // reconstruct per-conn figures through before/after = 0/x*connected
      r.rssBefore = 1;
      r.rssAfter = Double.isNaN(mem) ? -1 : 1 + Math.round(mem * r.connected);
      r.heapBefore = 1;
      r.heapAfter = Double.isNaN(heap) ? -1 : 1 + Math.round(heap * r.connected);
      r.serverCpuCores = d(c[13]);
      r.benchCpuCores = d(c[14]);
      r.connectFailures = Integer.parseInt(c[15]);
      r.serverErrors = Long.parseLong(c[16]);
      if (c.length > 17) r.offeredPerSec = d(c[17]);
      if (c.length > 18 && !c[18].isEmpty()) r.nodes = Integer.parseInt(c[18]);
      if (c.length > 19) r.redisCpuCores = d(c[19]);
      double other = c.length > 20 ? d(c[20]) : Double.NaN;
      if (!Double.isNaN(other) && r.serverCpuCores >= 0 && r.benchCpuCores >= 0) {
        // stored as "other"; rebuild the machine total it came from
        r.machineCpuCores =
            other
                + r.serverCpuCores
                + r.benchCpuCores
                + (r.redisCpuCores > 0 ? r.redisCpuCores : 0);
      }
      if (c.length > JOIN_COLUMNS && !c[JOIN_COLUMNS].isEmpty()) {
        r.join = JoinStats.parse(c, JOIN_COLUMNS, r);
      }
      rs.add(r);
    }
    printTable(rs);
  }

  static void printTable(List<Result> rs) {
    // last result per (scenario label, system), scenarios in first-seen order; a cluster run is
    // labelled <scenario>/<n>n (e.g. fanout/3n) and its cpu/mem/heap are summed over its nodes
    List<Result> joins = rs.stream().filter(r -> r.join != null).toList();
    if (!joins.isEmpty()) {
      JoinStats.printTable(joins);
      if (joins.size() == rs.size()) return;
      System.out.println();
    }
    Map<String, Map<Sys, Result>> by = new LinkedHashMap<>();
    for (Result r : rs) {
      if (r.join == null) by.computeIfAbsent(r.label(), k -> new LinkedHashMap<>()).put(r.sys, r);
    }
    String fmt =
        "%-9s | %-23s | %6s | %10s | %11s | %8s | %8s | %8s | %9s | %9s | %9s | %7s | %9s | %7s | %9s%n";
    System.out.printf(
        Locale.ROOT,
        fmt,
        "scenario",
        "system",
        "conns",
        "offered/s",
        "delivered/s",
        "p50 ms",
        "p99 ms",
        "p999 ms",
        "lost",
        "mem/conn",
        "heap/conn",
        "srv cpu",
        "redis cpu",
        "gen cpu",
        "other cpu");
    String rule = "-".repeat(179);
    System.out.println(rule);
    for (var e : by.entrySet()) {
      for (Result r : e.getValue().values()) {
        boolean idle = r.scenario.equals("idle");
        System.out.printf(
            Locale.ROOT,
            fmt,
            e.getKey(),
            r.sys.label,
            r.connected,
            idle ? "-" : f(r.offeredPerSec, 0),
            idle ? "-" : f(r.deliveredPerSec, 0),
            idle ? "-" : f(r.p50, 2),
            idle ? "-" : f(r.p99, 2),
            idle ? "-" : f(r.p999, 2),
            idle ? "-" : (r.lost < 0 ? "?" : Long.toString(r.lost)),
            bytes(r.memPerConn()),
            bytes(r.heapPerConn()),
            f(r.serverCpuCores, 2),
            f(r.redisCpuCores, 2),
            f(r.benchCpuCores, 2),
            f(r.otherCpuCores(), 2));
      }
      Result sb = e.getValue().get(Sys.SWITCHBOARD);
      Result io = e.getValue().get(Sys.SOCKETIO);
      Result probe = e.getValue().get(Sys.PROBE);
      ratioRow(fmt, e.getKey(), "ratio switchboard/sio", sb, io, true);
      ratioRow(fmt, e.getKey(), "ratio switchboard/probe", sb, probe, true);
      ratioRow(fmt, e.getKey(), "ratio sio/probe", io, probe, false);
      System.out.println(rule);
    }
    System.out.println(
        "cpu in cores over the window (server: summed over a cluster's nodes; other: the machine's other "
            + "processes, e.g. builds on a shared box, which make the run noisy).");
    System.out.println(
        "delivered/s: higher is better; latency, lost, mem/conn, cpu: lower is better. "
            + "ratio < 1 on latency/memory/cpu means Switchboard is better; > 1 on delivered/s means Switchboard is better.");
    if (by.values().stream().anyMatch(m -> m.containsKey(Sys.PROBE))) {
      System.out.println(
          "probe: the kernel-limit server (issue 13), one pre-encoded frame written to every member; "
              + "switchboard/probe delivered/s = the fraction of that limit Switchboard reaches.");
    }
  }

  /**
   * One ratio row {@code a / b} under a scenario's system rows; nothing if either result is
   * missing. {@code full}: delivered/s, latencies, mem, heap and cpu; otherwise delivered/s only.
   */
  private static void ratioRow(
      String fmt, String label, String name, Result a, Result b, boolean full) {
    if (a == null || b == null) return;
    boolean idle = a.scenario.equals("idle");
    if (idle && !full) return;
    System.out.printf(
        Locale.ROOT,
        fmt,
        label,
        name,
        "",
        "",
        idle ? "-" : ratio(a.deliveredPerSec, b.deliveredPerSec),
        idle || !full ? "" : ratio(a.p50, b.p50),
        idle || !full ? "" : ratio(a.p99, b.p99),
        idle || !full ? "" : ratio(a.p999, b.p999),
        "",
        full ? ratio(a.memPerConn(), b.memPerConn()) : "",
        full ? ratio(a.heapPerConn(), b.heapPerConn()) : "",
        full ? ratio(a.serverCpuCores, b.serverCpuCores) : "",
        full ? ratio(a.redisCpuCores, b.redisCpuCores) : "",
        "",
        "");
  }

  // ---------------------------------------------------------------------------------- helpers

  static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b <= 0 || a < 0) return "n/a";
    return String.format(Locale.ROOT, "%.2fx", a / b);
  }

  static double d(String s) {
    return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  static String f(double v, int decimals) {
    if (Double.isNaN(v) || v < 0 && decimals > 0 && v == -1) return "";
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String mb(long b) {
    return b < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
  }

  static String bytes(double b) {
    if (Double.isNaN(b)) return "n/a";
    if (Math.abs(b) >= 10_240) return String.format(Locale.ROOT, "%.1f KB", b / 1024);
    return String.format(Locale.ROOT, "%.0f B", b);
  }
}
