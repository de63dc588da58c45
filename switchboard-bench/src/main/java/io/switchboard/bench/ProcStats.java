package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side process observations: RSS and CPU from /proc, heap from /metrics (Prometheus) or
 * /health (node).
 */
final class ProcStats {
  /** USER_HZ; 100 on every mainstream Linux build. */
  static final long CLK_TCK = 100;

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();
  private static final Pattern HEAP_USED = Pattern.compile("\"heapUsed\"\\s*:\\s*([0-9.eE+]+)");

  private ProcStats() {}

  /** VmRSS in bytes, or -1 when the pid is unknown / not readable. */
  static long rssBytes(Long pid) {
    return statusBytes(pid, "VmRSS:");
  }

  /** VmHWM (the peak RSS since the process started) in bytes, or -1. */
  static long rssPeakBytes(Long pid) {
    return statusBytes(pid, "VmHWM:");
  }

  /** A kB field of /proc/<pid>/status (e.g. {@code VmRSS:}) in bytes, or -1. */
  private static long statusBytes(Long pid, String field) {
    if (pid == null || pid <= 0) return -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
        if (line.startsWith(field)) {
          String[] parts = line.substring(field.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024L;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return -1;
  }

  /** The system calls {@link #countSyscalls} counts, by tracepoint. */
  static final String[] SYSCALLS = {
    "write",
    "writev",
    "sendto",
    "sendmsg",
    "read",
    "readv",
    "recvfrom",
    "epoll_wait",
    "io_uring_enter"
  };

  /**
   * Starts {@code perf stat} counting the system calls of {@link #SYSCALLS} made by {@code pids}
   * for {@code seconds} (syscall tracepoints; /proc/<pid>/io misses send/recv), or null when perf
   * is missing or refuses.
   */
  static Process countSyscalls(List<Long> pids, long seconds) {
    if (pids.isEmpty()) return null;
    List<String> cmd = new ArrayList<>(List.of("perf", "stat", "-x,"));
    for (String sc : SYSCALLS) cmd.addAll(List.of("-e", "syscalls:sys_enter_" + sc));
    cmd.addAll(
        List.of(
            "-p",
            String.join(",", pids.stream().map(String::valueOf).toList()),
            "sleep",
            String.valueOf(seconds)));
    try {
      return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return null;
    }
  }

  /** The counts of a finished {@link #countSyscalls}, by syscall name; empty if it failed. */
  static Map<String, Long> syscallCounts(Process perf) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (perf == null) return out;
    try {
      if (!perf.waitFor(30, TimeUnit.SECONDS)) {
        perf.destroyForcibly();
        return out;
      }
      for (String line :
          new String(perf.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split(",");
        if (f.length >= 3 && f[2].startsWith("syscalls:sys_enter_") && f[0].matches("\\d+")) {
          out.put(f[2].substring("syscalls:sys_enter_".length()), Long.parseLong(f[0]));
        }
      }
    } catch (Exception e) {
      // no counts
    }
    return out;
  }

  /** utime+stime of the process in nanoseconds, or -1. */
  static long cpuNanos(Long pid) {
    long[] split = cpuSplitNanos(pid);
    return split == null ? -1 : split[0] + split[1];
  }

  /** {@code [utime, stime]} of the process in nanoseconds (user and kernel time), or null. */
  static long[] cpuSplitNanos(Long pid) {
    if (pid == null || pid <= 0) return null;
    try {
      String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
      // the comm field may contain spaces: skip past the closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // after ')' the fields start at field 3 (state); utime is field 14, stime 15
      long utime = Long.parseLong(f[11]);
      long stime = Long.parseLong(f[12]);
      return new long[] {utime * (1_000_000_000L / CLK_TCK), stime * (1_000_000_000L / CLK_TCK)};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * CPU time of the whole machine in nanoseconds from the first line of /proc/stat: {@code [user +
   * nice + system, irq + softirq, steal]}, or null. The first is what processes used (comparable
   * with the per-process utime+stime), the second the kernel's interrupt work (loopback networking
   * partly lands there), the third what the hypervisor took away. Compared with the server,
   * generator and Redis CPU it shows how much else ran on a shared box during the window.
   */
  static long[] machineNanos() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (!line.startsWith("cpu ")) continue;
        String[] f = line.substring(4).trim().split("\\s+");
        long tick = 1_000_000_000L / CLK_TCK;
        long procs = Long.parseLong(f[0]) + Long.parseLong(f[1]) + Long.parseLong(f[2]);
        long irq = Long.parseLong(f[5]) + Long.parseLong(f[6]);
        long steal = f.length > 7 ? Long.parseLong(f[7]) : 0;
        return new long[] {procs * tick, irq * tick, steal * tick};
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return null;
  }

  static boolean alive(Long pid) {
    return pid != null && pid > 0 && Files.exists(Path.of("/proc", pid.toString()));
  }

  /**
   * Heap used in bytes (best effort, -1 if unavailable). Switchboard: sum of {@code
   * jvm_memory_used_bytes{area="heap",...}} in {@code GET /metrics}. Socket.IO peer: {@code
   * heapUsed} of {@code GET /health}.
   */
  static long heapUsed(String httpBase, boolean prometheus) {
    if (httpBase == null) return -1;
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(httpBase + (prometheus ? "/metrics" : "/health")))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build();
      HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) return -1;
      String body = resp.body();
      if (!prometheus) {
        Matcher m = HEAP_USED.matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
      }
      double sum = 0;
      boolean found = false;
      for (String line : body.split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          String v = line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+")[0];
          sum += Double.parseDouble(v);
          found = true;
        }
      }
      return found ? (long) sum : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * Best-effort full GC of the server before a memory reading, so that RSS/heap deltas reflect live
   * connection state rather than garbage: {@code jcmd <pid> GC.run} for the JVM, {@code GET /gc}
   * for the node peer (started with --expose-gc). Returns true if it worked.
   */
  static boolean forceGc(Sys sys, Long pid, String httpBase) {
    try {
      if (sys == Sys.SOCKETIO) {
        HttpRequest req =
            HttpRequest.newBuilder(URI.create(httpBase + "/gc"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        boolean ok = HTTP.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        Thread.sleep(300);
        return ok;
      }
      if (pid == null || pid <= 0) return false;
      // jcmd attaches via SIGQUIT, which would kill a non-JVM process (e.g. the protocol stub)
      String cmdline =
          Files.readString(Path.of("/proc", pid.toString(), "cmdline")).replace('\0', ' ');
      String exe =
          Files.readSymbolicLink(Path.of("/proc", pid.toString(), "exe")).getFileName().toString();
      if (!exe.startsWith("java") && !cmdline.startsWith("java ") && !cmdline.contains("/java "))
        return false;
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      String jcmdExe = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
      Process p =
          new ProcessBuilder(jcmdExe, pid.toString(), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      Thread.sleep(300);
      return p.exitValue() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Cumulative CPU time of this JVM in nanoseconds (-1 if unsupported). */
  static long selfCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  static long maxFds() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : -1;
  }

  static long openFds() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getOpenFileDescriptorCount()
        : -1;
  }
}
