package io.switchboard.workers.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.workers.report.Completion;
import io.switchboard.workers.report.Reporter;
import io.switchboard.workers.testing.Steps;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StepWorker#handle} directly, with a reporter the test completes by hand. */
class StepWorkerTest {
  private static final String IMAGE = "image_processing";
  private final List<Promise<Reporter.Outcome>> reports = new ArrayList<>();
  private final List<Completion> reported = new ArrayList<>();
  private int runs;

  private final Reporter reporter =
      new Reporter() {
        @Override
        public Future<Outcome> report(Completion c) {
          Promise<Outcome> p = Promise.promise();
          reports.add(p);
          reported.add(c);
          return p.future();
        }

        @Override
        public Future<Void> close() {
          return Future.succeededFuture();
        }
      };

  private StepWorker worker(StepWork work) {
    return new StepWorker(new MemoryBroker(), "x", "q", IMAGE, work, reporter, 100, 16);
  }

  @Test
  void aRedeliveryWhileTheFirstIsInFlightSettlesWithItAndRunsNothing() {
    StepWorker w =
        worker(
            payload -> {
              runs++;
              return Future.succeededFuture(new JsonObject().put("ok", true));
            });
    Future<Void> first = w.handle(Steps.message("x", "wf-1", "s-1", IMAGE));
    Future<Void> again = w.handle(Steps.message("x", "wf-1", "s-1", IMAGE));
    assertThat(again).isSameAs(first);
    assertThat(first.isComplete()).isFalse();
    reports.get(0).complete(Reporter.Outcome.ACCEPTED);
    assertThat(again.succeeded()).isTrue();
    assertThat(runs).isEqualTo(1);
    assertThat(reported).hasSize(1);
    assertThat(w.counts()).isEqualTo(new WorkerCounts(1, 0, 1, 0, 1, 0));
  }

  @Test
  void aThrowingWorkIsAFailedStep() {
    StepWorker w =
        worker(
            payload -> {
              throw new IllegalStateException("model offline");
            });
    w.handle(Steps.message("x", "wf-1", "s-1", IMAGE));
    assertThat(reported.get(0).success()).isFalse();
    assertThat(reported.get(0).errorMsg()).isEqualTo("model offline");
    reports.get(0).complete(Reporter.Outcome.STALE);
    assertThat(w.counts()).isEqualTo(new WorkerCounts(1, 1, 0, 1, 0, 0));
  }

  @Test
  void stepTypesAreOneRoutingKeyWordAndNotCompleted() {
    assertThat(StepWorker.checkStepType("seo_generation")).isEqualTo("seo_generation");
    for (String bad : new String[] {"completed", "a.b", "A", "", "step*"}) {
      assertThatThrownBy(() -> StepWorker.checkStepType(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
