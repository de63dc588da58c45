package io.switchboard.agent.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.agent.route.Route;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class UpstreamRequestTest {
  private static final Route ANY = Route.parse("*=https://svc.local");
  private static final Route FIXED = Route.parse("e=PATCH:http://svc.local:8080/api/?v=1");

  @Test
  void withoutDataItIsAGetOfTheRouteUrl() {
    UpstreamRequest r = UpstreamRequest.build(ANY, null, 10);
    assertThat(r.method()).isEqualTo(HttpMethod.GET);
    assertThat(r.options().getURI()).isEqualTo("/");
    assertThat(r.options().getPort()).isEqualTo(443);
    assertThat(r.options().isSsl()).isTrue();
    assertThat(r.body()).isNull();
  }

  @Test
  void aFixedRouteKeepsItsMethodAndJoinsPathsAndQueries() {
    JsonObject data = new JsonObject().put("method", "GET").put("path", "/x/y?z=2");
    UpstreamRequest r = UpstreamRequest.build(FIXED, data, 10);
    assertThat(r.method()).isEqualTo(HttpMethod.PATCH);
    assertThat(r.options().getURI()).isEqualTo("/api/x/y?v=1&z=2");
    assertThat(r.options().getHost()).isEqualTo("svc.local");
    assertThat(r.options().getPort()).isEqualTo(8080);
  }

  @Test
  void bodiesAreJsonOrTextAndABodyMakesAPost() {
    UpstreamRequest json =
        UpstreamRequest.build(ANY, new JsonObject().put("body", new JsonArray().add(1)), 10);
    assertThat(json.method()).isEqualTo(HttpMethod.POST);
    assertThat(json.body().toString()).isEqualTo("[1]");
    assertThat(json.options().getHeaders().get("content-type")).isEqualTo("application/json");
    UpstreamRequest text =
        UpstreamRequest.build(
            ANY,
            new JsonObject()
                .put("body", "héllo")
                .put("headers", new JsonObject().put("Content-Type", "text/csv")),
            10);
    assertThat(text.body().length()).isEqualTo(6);
    assertThat(text.options().getHeaders().getAll("content-type")).containsExactly("text/csv");
    assertThat(UpstreamRequest.build(ANY, new JsonObject().put("body", false), 10).body())
        .hasToString("false");
  }

  @Test
  void headersDropHopByHopAndAcceptLists() {
    JsonObject headers =
        new JsonObject()
            .put("X-A", "1")
            .put("X-B", new JsonArray().add("b1").add("b2"))
            .put("Connection", "close")
            .put("Transfer-Encoding", "chunked")
            .put("Host", "evil")
            .put("X-N", 5);
    var out = UpstreamRequest.build(ANY, new JsonObject().put("headers", headers), 10);
    assertThat(out.options().getHeaders().names()).containsExactlyInAnyOrder("X-A", "X-B", "X-N");
    assertThat(out.options().getHeaders().getAll("x-b")).containsExactly("b1", "b2");
  }

  @Test
  void malformedDataIsABadRequestAndABigBodyTooLarge() {
    assertCode(new JsonArray(), AgentError.BAD_REQUEST);
    assertCode(new JsonObject().put("method", 1), AgentError.BAD_REQUEST);
    assertCode(new JsonObject().put("path", "//other.host/x"), AgentError.BAD_REQUEST);
    assertCode(new JsonObject().put("path", "/a b"), AgentError.BAD_REQUEST);
    assertCode(new JsonObject().put("path", "/a#f"), AgentError.BAD_REQUEST);
    assertCode(new JsonObject().put("headers", "x"), AgentError.BAD_REQUEST);
    assertCode(
        new JsonObject().put("headers", new JsonObject().put("bad name", "v")),
        AgentError.BAD_REQUEST);
    assertCode(
        new JsonObject().put("headers", new JsonObject().put("x", "a\r\nb: c")),
        AgentError.BAD_REQUEST);
    assertCode(new JsonObject().put("body", "12345678901"), AgentError.REQUEST_TOO_LARGE);
  }

  private static void assertCode(Object data, String code) {
    assertThatThrownBy(() -> UpstreamRequest.build(ANY, data, 10))
        .as(String.valueOf(data))
        .isInstanceOfSatisfying(AgentError.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
