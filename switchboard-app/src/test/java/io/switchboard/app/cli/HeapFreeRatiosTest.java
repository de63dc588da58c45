package io.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HeapFreeRatios}: set on this (HotSpot) JVM unless the command line names them. */
class HeapFreeRatiosTest {
  private final HotSpotDiagnosticMXBean hotspot =
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
  private final String min = value("MinHeapFreeRatio");
  private final String max = value("MaxHeapFreeRatio");

  @AfterEach
  void restore() {
    hotspot.setVMOption("MaxHeapFreeRatio", "100"); // any order is valid from here
    hotspot.setVMOption("MinHeapFreeRatio", min);
    hotspot.setVMOption("MaxHeapFreeRatio", max);
  }

  @Test
  void setsTenAndTwentyPercent() {
    assertThat(HeapFreeRatios.apply(List.of("-Xmx1g"))).contains("10 / 20");
    assertThat(value("MinHeapFreeRatio")).isEqualTo("10");
    assertThat(value("MaxHeapFreeRatio")).isEqualTo("20");
  }

  @Test
  void keepsWhatTheCommandLineSays() {
    hotspot.setVMOption("MaxHeapFreeRatio", "60");
    assertThat(HeapFreeRatios.apply(List.of("-XX:MaxHeapFreeRatio=60"))).contains("command line");
    assertThat(value("MaxHeapFreeRatio")).isEqualTo("60");
  }

  private String value(String flag) {
    return hotspot.getVMOption(flag).getValue();
  }
}
