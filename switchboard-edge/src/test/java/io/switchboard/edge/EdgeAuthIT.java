package io.switchboard.edge;

import static io.switchboard.edge.testing.EdgeNode.PASSWORD;
import static io.switchboard.edge.testing.EdgeNode.expect;
import static io.switchboard.edge.testing.EdgeNode.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.edge.testing.EdgeNode;
import io.switchboard.edge.users.Users;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Register, login, profile and validate on both stores (SPEC C5; seed 002; issue 11 point 1): the
 * whole path, unique emails in any case, the password rule, the ignored role, identical 401s, bad
 * input answered 400 with nothing stored, and bodies over the limit answered 413.
 */
class EdgeAuthIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void registerLoginProfileAndValidate(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      JsonObject user = edge.register("Ann.Lee@Example.com");
      assertThat(user.getString("id")).isNotBlank();
      assertThat(user.getString("email")).isEqualTo("Ann.Lee@Example.com");
      assertThat(user.getString("firstName")).isEqualTo("Ann");
      assertThat(user.getString("lastName")).isEqualTo("Lee");
      assertThat(user.getString("role")).isEqualTo("user");
      assertThat(user.encode()).doesNotContain("argon2").doesNotContain("assword");

      JsonObject login = expect(edge.login("ann.lee@example.COM", PASSWORD), 200);
      assertThat(login.getLong("expiresIn")).isEqualTo(900);
      assertThat(login.getJsonObject("user")).isEqualTo(user);
      String token = login.getString("token");

      JsonObject profile =
          expect(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, token), 200);
      assertThat(profile).isEqualTo(user);

      JsonObject valid = expect(edge.post("validate", new JsonObject().put("token", token)), 200);
      assertThat(valid.getBoolean("valid")).isTrue();
      assertThat(valid.getJsonObject("user")).isEqualTo(user);

      assertThat(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, null).statusCode())
          .isEqualTo(401);
      assertThat(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, "x.y.z").statusCode())
          .isEqualTo(401);
      // a token of the node's HS256 client auth is not an edge token
      String other = edge.node.token(user.getString("id"));
      assertThat(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, other).statusCode())
          .isEqualTo(401);
      JsonObject invalid = expect(edge.post("validate", new JsonObject().put("token", other)), 401);
      assertThat(invalid).isEqualTo(new JsonObject().put("valid", false));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void anEmailIsUniqueInAnyCaseAndTheRoleIsIgnored(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      JsonObject admin =
          expect(
              edge.post(
                  "register", registration("boss@example.com", PASSWORD).put("role", "admin")),
              201);
      assertThat(admin.getString("role")).isEqualTo("user");
      String token = edge.token("boss@example.com");
      assertThat(
              expect(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, token), 200)
                  .getString("role"))
          .isEqualTo("user");

      HttpResponse<Buffer> again =
          edge.post("register", registration("BOSS@Example.COM", PASSWORD));
      assertThat(expect(again, 409).getJsonObject("error").getString("code"))
          .isEqualTo("email_taken");
      // the first registration still holds, with its password
      expect(edge.login("boss@example.com", PASSWORD), 200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void badInputIs400NamingTheRuleAndStoresNothing(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      String email = "weak@example.com";
      String[][] cases = {
        {"Sh0rt!", "at least 8 characters"},
        {"lower-case-0nly", "upper-case letter"},
        {"UPPER-CASE-0NLY", "lower-case letter"},
        {"No-Digits-Here", "digit"},
        {"NoSpecial0Chars", "special character"},
      };
      for (String[] c : cases) {
        JsonObject error = expect(edge.post("register", registration(email, c[0])), 400);
        assertThat(error.getJsonObject("error").getString("message")).as(c[0]).contains(c[1]);
      }
      expect(edge.post("register", registration("not-an-email", PASSWORD)), 400);
      expect(edge.post("register", registration(email, PASSWORD).put("firstName", " ")), 400);
      expect(edge.post("register", registration(email, PASSWORD).put("lastName", 7)), 400);
      expect(edge.post("register", "{\"email\": \"weak@example.com\","), 400);
      expect(edge.post("register", "[1,2]"), 400);
      expect(edge.post("login", "{nope"), 400);
      expect(edge.post("validate", "{}"), 400);
      assertThat(TestNode.await(ports.ports.store().get(Users.EMAILS, email))).isNull();
      assertThat(TestNode.await(ports.ports.store().list(Users.USERS, null, 10)).documents())
          .isEmpty();

      String big = "x".repeat(edge.node.config.server().maxBodyBytes() + 1);
      HttpResponse<Buffer> tooBig =
          edge.post("register", registration(email, PASSWORD).put("firstName", big));
      assertThat(tooBig.statusCode()).isEqualTo(413);
      // the rule passes: the same user registers
      edge.register(email);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void anUnknownEmailAndAWrongPasswordGetTheSameAnswer(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      edge.register("known@example.com");
      HttpResponse<Buffer> wrong = edge.login("known@example.com", "Wr0ng-Password");
      HttpResponse<Buffer> unknown = edge.login("nobody@example.com", PASSWORD);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(unknown.statusCode()).isEqualTo(401);
      assertThat(wrong.bodyAsString()).isEqualTo(unknown.bodyAsString());
      assertThat(new java.util.TreeSet<>(wrong.headers().names()))
          .isEqualTo(new java.util.TreeSet<>(unknown.headers().names()));
      assertThat(wrong.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("invalid_credentials");
    }
  }
}
