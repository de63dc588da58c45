package io.switchboard.server.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process signal fan-out (issue 11 point 3). */
class SignalsTest {

  @Test
  void aFailingSubscriberNeitherReachesTheEmitterNorStopsTheOthers() {
    Signals signals = new Signals();
    List<String> seen = new ArrayList<>();
    signals.subscribe(
        s -> {
          throw new IllegalStateException("boom");
        });
    Runnable off = signals.subscribe(s -> seen.add(s.type()));
    Signal s = Signal.of("workflow.completed", "wf-1", "", "ann", new JsonObject());
    assertThatCode(() -> signals.emit(s)).doesNotThrowAnyException();
    assertThat(seen).containsExactly("workflow.completed");
    off.run();
    signals.emit(s);
    assertThat(seen).hasSize(1);
  }

  @Test
  void theIdIsDerivedFromTypeSubjectAndDiscriminator() {
    Signal a = Signal.of("command.applied", "c1", "", "ann", new JsonObject());
    Signal again = Signal.of("command.applied", "c1", "", "ann", new JsonObject());
    assertThat(again.id()).isEqualTo(a.id());
    assertThat(Signal.of("command.rejected", "c1", "", "ann", new JsonObject()).id())
        .isNotEqualTo(a.id());
    assertThat(Signal.of("command.applied", "c1", "x", "ann", new JsonObject()).id())
        .isNotEqualTo(a.id());
    JsonObject json = a.toJson();
    assertThat(json.fieldNames())
        .containsExactlyInAnyOrder("id", "type", "subject", "user", "data", "at");
    assertThat(json.getString("at")).isEqualTo(a.at().toString());
  }
}
