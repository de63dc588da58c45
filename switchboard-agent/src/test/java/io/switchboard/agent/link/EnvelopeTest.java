package io.switchboard.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  @Test
  void parsesARequestAndShapesItsReplies() {
    Envelope e =
        Envelope.parse("{\"id\":\"7\",\"project_id\":\"p\",\"type\":\"echo\",\"data\":{\"a\":1}}")
            .orElseThrow();
    assertThat(e.data()).isEqualTo(new JsonObject().put("a", 1));
    assertThat(e.reply(new JsonObject().put("status", 200)))
        .isEqualTo(
            new JsonObject()
                .put("id", "7")
                .put("project_id", "p")
                .put("type", "echo")
                .put("data", new JsonObject().put("status", 200)));
    JsonObject failure = e.failure("busy", "too many");
    assertThat(failure.getValue("data")).isNull();
    assertThat(failure.containsKey("data")).isTrue();
    assertThat(failure.getJsonObject("error"))
        .isEqualTo(new JsonObject().put("code", "busy").put("message", "too many"));
  }

  @Test
  void ignoresFramesWithoutUsableId() {
    for (String text :
        List.of(
            "nope",
            "[1]",
            "\"s\"",
            "null",
            "{}",
            "{\"type\":\"welcome\",\"connection_id\":\"c\",\"node\":\"n\"}",
            "{\"id\":\"\"}",
            "{\"id\":{}}",
            "{\"id\":1.5}")) {
      assertThat(Envelope.parse(text)).as(text).isEmpty();
    }
    assertThat(Envelope.decode("{\"type\":\"welcome\"}")).isPresent();
    assertThat(Envelope.parse("{\"id\":12}").orElseThrow().reply(null).getValue("id"))
        .isEqualTo(12);
  }
}
