package io.switchboard.app.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Lets the JVM give back the heap it grew while connections arrived (issue 13 point 3): {@code
 * switchboard serve} sets HotSpot's manageable {@code MinHeapFreeRatio=10} and {@code
 * MaxHeapFreeRatio=20} at start, unless either was given on the command line. With the JVM's
 * defaults (40 / 70) G1 kept about three times the live heap committed after 19,400 idle
 * connections: 14.7 KB of RSS per connection against 4.9 KB with these ratios, for 3.3–3.5 KB of
 * live heap either way (switchboard-bench/README.md, "Figures (issue 13)"). G1 applies them when it
 * resizes the heap after a full collection or a concurrent cycle.
 */
final class HeapFreeRatios {
  static final String MIN = "10";
  static final String MAX = "20";

  private HeapFreeRatios() {}

  /**
   * Sets the ratios unless {@code jvmArguments} already name one.
   *
   * @param jvmArguments the JVM's input arguments ({@code RuntimeMXBean#getInputArguments})
   * @return a line for the log saying what was done
   */
  static String apply(List<String> jvmArguments) {
    if (jvmArguments.stream().anyMatch(a -> a.contains("HeapFreeRatio"))) {
      return "heap free ratios given on the command line, kept";
    }
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      hotspot.setVMOption("MinHeapFreeRatio", MIN); // first: Min may never exceed Max
      hotspot.setVMOption("MaxHeapFreeRatio", MAX);
      return "heap free ratios " + MIN + " / " + MAX + " %: unused heap is given back after GC";
    } catch (RuntimeException e) { // not HotSpot, or the flags are not manageable here
      return "heap free ratios left to the JVM (" + e.getMessage() + ")";
    }
  }

  /** Applies them to this JVM ({@link #apply}). */
  static String applyHere() {
    return apply(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }
}
