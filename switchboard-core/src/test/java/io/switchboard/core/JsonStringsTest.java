package io.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonStrings#quote} writes the same literal as Jackson's ObjectMapper, and decodes back.
 */
class JsonStringsTest {
  @Test
  void quotesLikeJacksonAndRoundTrips() {
    List<String> samples =
        List.of(
            "",
            "chat:lobby",
            "board.update",
            "quote \" here",
            "back\\slash",
            "line\nbreak\ttab\r",
            "\u0000\u001f\u007f",
            "é ü 中文 🎉",
            "</script>",
            "a/b",
            "\u2028\u2029");
    for (String s : samples) {
      assertThat(JsonStrings.quote(s)).as(s).isEqualTo(Json.encode(s));
      assertThat(Json.decodeValue(JsonStrings.quote(s))).isEqualTo(s);
    }
    assertThat(JsonStrings.quote(null)).isEqualTo("null");
  }
}
