package io.switchboard.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPatternTest {

  @ParameterizedTest
  @CsvSource({
    "a.b, a.b, true",
    "a.b, a.c, false",
    "a.*, a.b, true",
    "a.*, a, false",
    "a.*, a.b.c, false",
    "*.b, a.b, true",
    "#, a, true",
    "#, a.b.c, true",
    "a.#, a, true",
    "a.#, a.b.c, true",
    "a.#, b.a, false",
    "#.z, z, true",
    "#.z, x.y.z, true",
    "#.z, z.x, false",
    "a.#.z, a.z, true",
    "a.#.z, a.b.c.z, true",
    "a.#.z, a.b.c, false",
    "*.#, a, true",
    "a.*.#.d, a.b.d, true",
    "a.*.#.d, a.d, false"
  })
  void matchesLikeARabbitMqTopicExchange(String pattern, String key, boolean expected) {
    assertThat(new TopicPattern(pattern).matches(key)).isEqualTo(expected);
  }
}
