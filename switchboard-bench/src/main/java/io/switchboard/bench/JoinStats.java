package io.switchboard.bench;

import static io.switchboard.bench.Report.f;
import static io.switchboard.bench.Report.mb;
import static io.switchboard.bench.Report.ratio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code joinroom} ramp measured ({@link JoinRamp}): times in seconds or ms as named, CPU
 * in seconds of CPU over the connect phase, memory in bytes (-1 = unknown), frames as counted by
 * the clients. Also its columns in the results file and the side-by-side table with the ratio
 * presence / no presence (issue 7 asks for at most 1.5x on the ramp time).
 */
final class JoinStats {
  static final String HEADER =
      String.join(
          "\t",
          "join_room",
          "join_members",
          "ramp_s",
          "join_p50_ms",
          "join_p99_ms",
          "join_p999_ms",
          "ramp_frames",
          "ramp_presence_frames",
          "ramp_count_frames",
          "ramp_bytes",
          "ramp_server_cpu_s",
          "ramp_bench_cpu_s",
          "ramp_other_cpu",
          "rss_ramp_b",
          "rss_peak_b",
          "heap_ramp_b",
          "rss_gc_b",
          "heap_gc_b",
          "tail_frames",
          "tail_count_frames",
          "joined_bytes",
          "ramp_server_kernel_s");

  /** Shares of the joins (percent) whose completion time {@link #progress} reports. */
  static final double[] PROGRESS = {1, 10, 50, 90, 100};

  /**
   * Cores used by other processes during a ramp above which the table warns (run.sh
   * JOIN_MAX_OTHER).
   */
  static final double DISTURBED = 0.2;

  final String room;

  /** When 1 %, 10 %, 50 %, 90 % and all joins had completed, s after the first connect. */
  final double[] progress = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};

  /** Largest {@code presenceCount} in a {@code joined}: 0 means the namespace has no presence. */
  long members;

  double rampSeconds = Double.NaN;

  /** First connect until connectAll returned (the window of the CPU figures), s. */
  double phaseSeconds = Double.NaN;

  double joinP50 = Double.NaN;
  double joinP99 = Double.NaN;
  double joinP999 = Double.NaN;
  double joinMax = Double.NaN;
  long frames;
  long bytes;
  long joinedFrames;
  long joinedBytes;
  long presenceFrames;
  long countFrames;
  long presencePerConnMin;
  long presencePerConnMax;
  double serverCpuSeconds = -1;

  /** The part of {@link #serverCpuSeconds} spent in the kernel (stime: socket writes and reads). */
  double serverKernelSeconds = -1;

  double benchCpuSeconds = -1;
  double otherCpuCores = -1;
  long rssRamp = -1;
  long rssPeak = -1;
  long heapRamp = -1;
  double tailSeconds;
  long tailFrames;
  long tailPresenceFrames;
  long tailCountFrames;

  /** When the last presence join/leave frame arrived, s after the first connect. */
  double lastPresenceSeconds = Double.NaN;

  JoinStats(String room) {
    this.room = room;
  }

  boolean presence() {
    return members > 0;
  }

  /** The result block of a ramp ({@code r} holds connections, errors and the memory after GC). */
  void print(StringBuilder sb, Result r) {
    sb.append(
        String.format(
            Locale.ROOT,
            "  room          %s, %s (largest presenceCount in joined: %d)%n",
            room,
            presence() ? "presence on" : "no presence",
            members));
    sb.append(
        String.format(
            Locale.ROOT,
            "  ramp          %.2f s first connect -> last joined (%d joins)%n",
            rampSeconds,
            r.connected));
    sb.append(
        String.format(
            Locale.ROOT,
            "  progress      1%% joined at %.2f s, 10%% %.2f s, 50%% %.2f s, 90%% %.2f s, all %.2f s%n",
            progress[0],
            progress[1],
            progress[2],
            progress[3],
            progress[4]));
    sb.append(
        String.format(
            Locale.ROOT,
            "  join ms       p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (join sent -> joined)%n",
            joinP50,
            joinP99,
            joinP999,
            joinMax));
    sb.append(
        String.format(
            Locale.ROOT,
            "  frames ramp   %d, %.1f MB: joined %d (%.1f MB), presence %d (per conn %d..%d), "
                + "presence_count %d%n",
            frames,
            bytes / 1048576.0,
            joinedFrames,
            joinedBytes / 1048576.0,
            presenceFrames,
            presencePerConnMin,
            presencePerConnMax,
            countFrames));
    sb.append(
        String.format(
            Locale.ROOT,
            "  frames tail   %d in %.0f s after the ramp: presence %d, presence_count %d; "
                + "last presence frame %.2f s after the first connect%n",
            tailFrames,
            tailSeconds,
            tailPresenceFrames,
            tailCountFrames,
            lastPresenceSeconds));
    sb.append(
        String.format(
            Locale.ROOT,
            "  cpu ramp      server %.2f cpu-s (%.2f cores; kernel %.2f cpu-s), generator %.2f "
                + "cpu-s (%.2f cores), other processes %.2f cores, over %.2f s%n",
            serverCpuSeconds,
            serverCpuSeconds / phaseSeconds,
            serverKernelSeconds,
            benchCpuSeconds,
            benchCpuSeconds / phaseSeconds,
            otherCpuCores,
            phaseSeconds));
    sb.append(
        String.format(
            Locale.ROOT,
            "  memory        before %s rss, %s heap; after the ramp %s rss (peak %s), %s heap "
                + "(no GC); after the tail and a GC %s rss, %s heap%n",
            mb(r.rssBefore),
            mb(r.heapBefore),
            mb(rssRamp),
            mb(rssPeak),
            mb(heapRamp),
            mb(r.rssAfter),
            mb(r.heapAfter)));
  }

  /** This ramp's columns of the results file, in {@link #HEADER} order. */
  String columns(Result r) {
    return String.join(
        "\t",
        room,
        Long.toString(members),
        f(rampSeconds, 3),
        f(joinP50, 3),
        f(joinP99, 3),
        f(joinP999, 3),
        Long.toString(frames),
        Long.toString(presenceFrames),
        Long.toString(countFrames),
        Long.toString(bytes),
        f(serverCpuSeconds, 2),
        f(benchCpuSeconds, 2),
        f(otherCpuCores, 2),
        Long.toString(rssRamp),
        Long.toString(rssPeak),
        Long.toString(heapRamp),
        Long.toString(r.rssAfter),
        Long.toString(r.heapAfter),
        Long.toString(tailFrames),
        Long.toString(tailCountFrames),
        Long.toString(joinedBytes),
        f(serverKernelSeconds, 2));
  }

  /** Reads the columns written by {@link #columns} starting at {@code c[from]} into {@code r}. */
  static JoinStats parse(String[] c, int from, Result r) {
    JoinStats j = new JoinStats(c[from]);
    j.members = Long.parseLong(c[from + 1]);
    j.rampSeconds = Report.d(c[from + 2]);
    j.joinP50 = Report.d(c[from + 3]);
    j.joinP99 = Report.d(c[from + 4]);
    j.joinP999 = Report.d(c[from + 5]);
    j.frames = Long.parseLong(c[from + 6]);
    j.presenceFrames = Long.parseLong(c[from + 7]);
    j.countFrames = Long.parseLong(c[from + 8]);
    j.bytes = Long.parseLong(c[from + 9]);
    j.serverCpuSeconds = orMinus(Report.d(c[from + 10]));
    j.benchCpuSeconds = orMinus(Report.d(c[from + 11]));
    j.otherCpuCores = orMinus(Report.d(c[from + 12]));
    j.rssRamp = Long.parseLong(c[from + 13]);
    j.rssPeak = Long.parseLong(c[from + 14]);
    j.heapRamp = Long.parseLong(c[from + 15]);
    r.rssAfter = Long.parseLong(c[from + 16]);
    r.heapAfter = Long.parseLong(c[from + 17]);
    j.tailFrames = Long.parseLong(c[from + 18]);
    j.tailCountFrames = Long.parseLong(c[from + 19]);
    j.joinedBytes = Long.parseLong(c[from + 20]);
    j.serverKernelSeconds = c.length > from + 21 ? orMinus(Report.d(c[from + 21])) : -1;
    return j;
  }

  /** Cores other processes used during the ramp; unknown counts as disturbed. */
  private static double disturbance(Result r) {
    return r.join.otherCpuCores < 0 ? Double.MAX_VALUE : r.join.otherCpuCores;
  }

  private static double orMinus(double v) {
    return Double.isNaN(v) ? -1 : v;
  }

  /**
   * The ramps side by side, one per system and room: the least disturbed attempt (fewest cores used
   * by other processes; the later one on a tie), then for Switchboard the ratio presence / no
   * presence of the rooms shown.
   */
  static void printTable(List<Result> rs) {
    Map<String, Result> by = new LinkedHashMap<>();
    for (Result r : rs)
      by.merge(
          r.sys.label + " " + r.join.room,
          r,
          (old, now) -> disturbance(now) <= disturbance(old) ? now : old);
    if (by.size() < rs.size()) {
      System.out.printf(
          Locale.ROOT,
          "%d ramps, %d shown: per room the one least disturbed by other processes%n",
          rs.size(),
          by.size());
    }
    String fmt =
        "%-24s | %-8s | %6s | %7s | %7s | %8s | %8s | %8s | %8s | %7s | %7s | %9s | %9s | %9s | %9s | %9s | %9s | %5s%n";
    System.out.printf(
        Locale.ROOT,
        fmt,
        "joinroom",
        "room",
        "joined",
        "members",
        "ramp s",
        "join p50",
        "join p99",
        "frames",
        "presence",
        "p_count",
        "MB in",
        "srv cpu-s",
        "srv cores",
        "gen cpu-s",
        "rss ramp",
        "rss peak",
        "heap gc",
        "other");
    String rule = "-".repeat(196);
    System.out.println(rule);
    Result with = null;
    Result without = null;
    for (Result r : by.values()) {
      JoinStats j = r.join;
      System.out.printf(
          Locale.ROOT,
          fmt,
          r.sys.label + (j.presence() ? " presence" : " no presence"),
          j.room,
          r.connected,
          j.members,
          f(j.rampSeconds, 2),
          f(j.joinP50, 1),
          f(j.joinP99, 1),
          j.frames,
          j.presenceFrames,
          j.countFrames,
          f(j.bytes / 1048576.0, 1),
          f(j.serverCpuSeconds, 2),
          f(j.serverCpuSeconds / j.rampSeconds, 2),
          f(j.benchCpuSeconds, 2),
          mb(j.rssRamp),
          mb(j.rssPeak),
          mb(r.heapAfter),
          f(j.otherCpuCores, 2));
      if (r.sys == Sys.SWITCHBOARD) {
        if (j.presence()) with = r;
        else without = r;
      }
    }
    if (with != null && without != null) {
      JoinStats a = with.join;
      JoinStats b = without.join;
      System.out.printf(
          Locale.ROOT,
          fmt,
          "ratio presence/none",
          "",
          "",
          "",
          ratio(a.rampSeconds, b.rampSeconds),
          ratio(a.joinP50, b.joinP50),
          ratio(a.joinP99, b.joinP99),
          ratio(a.frames, b.frames),
          "",
          "",
          ratio(a.bytes, b.bytes),
          ratio(a.serverCpuSeconds, b.serverCpuSeconds),
          "",
          ratio(a.benchCpuSeconds, b.benchCpuSeconds),
          ratio(a.rssRamp, b.rssRamp),
          ratio(a.rssPeak, b.rssPeak),
          ratio(with.heapAfter, without.heapAfter),
          "");
      boolean disturbed = a.otherCpuCores > DISTURBED || b.otherCpuCores > DISTURBED;
      System.out.printf(
          Locale.ROOT,
          "issue 7 target: ramp ratio <= 1.50x -> %s%s%n",
          a.rampSeconds / b.rampSeconds <= 1.5 ? "met" : "NOT met",
          disturbed ? " (disturbed ramps: not reliable)" : "");
      if (disturbed) {
        System.out.printf(
            Locale.ROOT,
            "WARNING: other processes used %.2f / %.2f cores during these ramps: the ramp "
                + "ratio is not reliable (server and generator lost CPU); compare srv cpu-s or run again%n",
            a.otherCpuCores,
            b.otherCpuCores);
      }
    }
    System.out.println(rule);
    System.out.println(
        "ramp: first connect -> last joined; frames/MB: everything the clients read during the ramp; "
            + "cpu over the ramp; rss after the ramp (peak = VmHWM), heap after the tail + a forced GC.");
  }
}
