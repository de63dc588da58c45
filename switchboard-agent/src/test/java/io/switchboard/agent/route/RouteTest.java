package io.switchboard.agent.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {
  @Test
  void parsesAFixedMethodAndUrl() {
    Route r = Route.parse("echo=POST:http://127.0.0.1:8080/echo");
    assertThat(r.type()).isEqualTo("echo");
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.url()).isEqualTo(URI.create("http://127.0.0.1:8080/echo"));
    assertThat(r).hasToString("echo=POST:http://127.0.0.1:8080/echo");
  }

  @Test
  void aUrlWithoutMethodLeavesTheMethodToTheRequest() {
    Route r = Route.parse(" *=http://127.0.0.1:8080 ");
    assertThat(r.type()).isEqualTo(Route.WILDCARD);
    assertThat(r.fixedMethod()).isEmpty();
    assertThat(r.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(Route.parse("users=https://svc.local/u").fixedMethod()).isEmpty();
    assertThat(Route.parse("d=delete:https://svc.local/u").method()).isEqualTo("DELETE");
  }

  @Test
  void refusesMalformedRoutesNamingTheForm() {
    for (String bad :
        List.of(
            "",
            "echo",
            "=http://x",
            "echo=",
            "echo=ftp://x/y",
            "echo=POST:x",
            "echo=POST:http:///nohost",
            "echo=http://x/#frag",
            "echo=POST1:http://x")) {
      assertThatThrownBy(() -> Route.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("<type>=[<METHOD>:]");
    }
  }

  @Test
  void routesFindTheirOwnTypeThenTheWildcard() {
    Routes routes =
        Routes.parse(List.of("echo=POST:http://a/echo", "", "*=http://b", "ping=GET:http://a/p"));
    assertThat(routes.find("echo")).get().extracting(Route::method).isEqualTo("POST");
    assertThat(routes.find("other")).get().extracting(Route::type).isEqualTo("*");
    assertThat(routes.maps("ping")).isTrue();
    assertThat(routes.maps("other")).isFalse();
    assertThat(routes.maps("*")).isFalse();
    assertThat(Routes.parse(List.of("echo=http://a")).find("other")).isEmpty();
  }

  @Test
  void routesRefuseDuplicatesAndEmptiness() {
    assertThatThrownBy(() -> Routes.parse(List.of("a=http://x", "a=http://y")))
        .hasMessageContaining("route type a is given twice");
    assertThatThrownBy(() -> Routes.parse(List.of(" ", ""))).hasMessageContaining("no route");
  }
}
