package io.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which token of a handshake is used (issue 7 part 2, point 4): the cookie only from no {@code
 * Origin}, the request's own origin, or an explicitly listed one; otherwise query, then bearer.
 */
class HandshakeTokenTest {
  private static final List<String> NONE = List.of();

  private static boolean allowed(String origin, String host) {
    return HandshakeToken.cookieAllowed(origin, host, NONE);
  }

  @Test
  void sameOriginIsSchemeHostAndPortAgainstTheHostHeader() {
    assertThat(allowed(null, "gw.example:8000")).isTrue();
    assertThat(allowed("http://gw.example:8000", "gw.example:8000")).isTrue();
    assertThat(allowed("https://GW.example", "gw.example")).isTrue();
    assertThat(allowed("https://gw.example", "gw.example:443")).isTrue();
    assertThat(allowed("http://gw.example:80", "gw.example")).isTrue();
    assertThat(allowed("https://gw.example:8443", "gw.example:8443")).isTrue();
    assertThat(allowed("http://[::1]:8000", "[::1]:8000")).isTrue();
  }

  @Test
  void anythingElseIsAnotherOrigin() {
    assertThat(allowed("https://evil.example", "gw.example")).isFalse();
    assertThat(allowed("http://gw.example:8001", "gw.example:8000")).isFalse();
    assertThat(allowed("https://gw.example", "gw.example:80")).isFalse();
    assertThat(allowed("http://gw.example:8080", "gw.example:80")).isFalse();
    assertThat(allowed("ws://gw.example:8000", "gw.example:8000")).isFalse();
    assertThat(allowed("null", "gw.example")).isFalse();
    assertThat(allowed("http://gw.example/path", "gw.example")).isFalse();
    assertThat(allowed("http://user@gw.example", "gw.example")).isFalse();
    assertThat(allowed("http://gw.example", null)).isFalse();
    assertThat(allowed("not a url", "gw.example")).isFalse();
  }

  @Test
  void onlyAnExplicitlyListedOriginAdmitsTheCookie() {
    assertThat(
            HandshakeToken.cookieAllowed(
                "https://app.example", "gw.example", List.of("https://app.example")))
        .isTrue();
    assertThat(HandshakeToken.cookieAllowed("https://app.example", "gw.example", List.of("*")))
        .isFalse();
  }

  @Test
  void anIgnoredCookieFallsBackToQueryThenBearer() {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Cookie", "a=1; token=cookie-jwt")
            .add("Origin", "https://evil.example")
            .add("Host", "gw.example")
            .add("Authorization", "Bearer bearer-jwt");
    assertThat(HandshakeToken.of(headers, "room=x&token=query-jwt", NONE))
        .isEqualTo(new HandshakeToken("query-jwt", true));
    assertThat(HandshakeToken.of(headers, null, NONE))
        .isEqualTo(new HandshakeToken("bearer-jwt", true));
    assertThat(HandshakeToken.of(headers.remove("Authorization"), "", NONE))
        .isEqualTo(new HandshakeToken(null, true));
    headers.set("Origin", "https://gw.example");
    assertThat(HandshakeToken.of(headers, "token=query-jwt", NONE))
        .isEqualTo(new HandshakeToken("cookie-jwt", false));
    assertThat(HandshakeToken.of(MultiMap.caseInsensitiveMultiMap(), "token=query-jwt", NONE))
        .isEqualTo(new HandshakeToken("query-jwt", false));
  }
}
