package io.switchboard.hooks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration bodies and event patterns (issue 11 point 3). */
class RegistrationTest {

  private static JsonObject body(String url, Object... events) {
    return new JsonObject().put("url", url).put("events", new JsonArray(List.of(events)));
  }

  @Test
  void httpAndHttpsUrlsWithPatternsAreAccepted() {
    Registration.Checked c =
        Registration.check(
            body("https://example.com/h?x=1", "workflow.*", "command.applied", "*", "*"));
    assertThat(c.events()).containsExactly("workflow.*", "command.applied", "*");
    assertThat(c.secret()).isNull();
    assertThat(Registration.check(body("http://127.0.0.1:8080/h", "agent.*")).url())
        .isEqualTo("http://127.0.0.1:8080/h");
  }

  @Test
  void otherSchemesMissingHostsAndBadPatternsAreRefused() {
    assertThatThrownBy(() -> Registration.check(body("ftp://x.org/a", "*")))
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> Registration.check(body("file:///etc/passwd", "*")))
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> Registration.check(body("https://x.org", "workflow*")))
        .hasMessageContaining("workflow*");
    assertThatThrownBy(() -> Registration.check(body("https://x.org")))
        .hasMessageContaining("events");
    assertThatThrownBy(() -> Registration.check(null)).hasMessageContaining("JSON object");
    assertThatThrownBy(
            () ->
                Registration.check(
                    body("https://x.org", "*").put("secret", "with space 0123456789")))
        .hasMessageContaining("secret");
  }

  @Test
  void patternsMatchExactTypesAndPrefixes() {
    assertThat(Endpoint.matches(List.of("workflow.*"), "workflow.completed")).isTrue();
    assertThat(Endpoint.matches(List.of("workflow.*"), "workflows.x")).isFalse();
    assertThat(Endpoint.matches(List.of("command.applied"), "command.rejected")).isFalse();
    assertThat(Endpoint.matches(List.of("*"), "agent.connected")).isTrue();
  }
}
