package io.switchboard.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time-ordered ids and the step backoff (SPEC C3; issue 9 points 3 and 4). */
class WorkflowIdsTest {

  @Test
  void idsSortByTheirCreationTimeAndBoundsSitBetween() {
    List<String> ids = new ArrayList<>();
    for (long t = 1_700_000_000_000L; t < 1_700_000_000_000L + 5000; t += 997) {
      ids.add(WorkflowIds.next(t));
    }
    assertThat(ids).isSorted();
    assertThat(WorkflowIds.time(ids.get(1))).isEqualTo(1_700_000_000_997L);
    String bound = WorkflowIds.lowerBound(1_700_000_000_997L);
    assertThat(bound.compareTo(ids.get(0))).isPositive();
    assertThat(bound.compareTo(ids.get(1))).isNegative();
    assertThat(WorkflowIds.time("not-an-id")).isEqualTo(-1);
  }

  @Test
  void timerKeysSortByDueTime() {
    String early = Keys.timer(999, "w", "s", 1, "timeout");
    String late = Keys.timer(1_000_000, "w", "s", 1, "timeout");
    assertThat(early).isLessThan(late);
    assertThat(Keys.timerDue(late)).isEqualTo(1_000_000);
    assertThat(Keys.userPrefix("a/b")).isEqualTo("a%2Fb/");
  }

  @Test
  void backoffDoublesFromTheRetryDelayUpToTheCap() {
    Definitions d =
        new Definitions(
            io.switchboard.server.config.WorkflowsConfig.DEFAULT); // 5 s, capped at 5 min
    assertThat(d.backoffMillis(5000, 1)).isEqualTo(5000);
    assertThat(d.backoffMillis(5000, 2)).isEqualTo(10_000);
    assertThat(d.backoffMillis(5000, 3)).isEqualTo(20_000);
    assertThat(d.backoffMillis(5000, 40)).isEqualTo(300_000);
    assertThat(d.steps("product"))
        .extracting(StepPolicy::type)
        .containsExactly("image_processing", "ai_enhancement", "seo_generation");
    assertThat(d.steps("product").get(0).maxRetries()).isEqualTo(3);
  }
}
