package io.switchboard.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.commands.testing.CommandsNode;
import io.switchboard.core.store.EventPage;
import io.switchboard.core.store.Position;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Command intake (SPEC C2; issue 8 points 1 and 2): tokens, validation with nothing queued,
 * idempotency keys, and no secret in what is stored.
 */
class CommandIntakeIT {
  static CommandsNode node;

  @BeforeAll
  static void start() {
    node = CommandsNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static int records() {
    return TestNode.await(node.store().list("commands", null, 10_000)).documents().size();
  }

  private static double queued() {
    return node.node.metric("switchboard_outbox_published_total");
  }

  @Test
  void withoutAValidTokenACommandIs401() {
    JsonObject body = new JsonObject().put("title", "x");
    assertThat(node.command(null, "board.create", body, Map.of()).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> forged =
        node.command(
            null,
            "board.create",
            body,
            Map.of("Authorization", "Bearer " + node.node.forgedToken("ann")));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.bodyAsJsonObject().getJsonObject("error").getString("code"))
        .isEqualTo("unauthorized");
    HttpResponse<Buffer> expired =
        node.command(
            null,
            "board.create",
            body,
            Map.of("Authorization", "Bearer " + node.node.expiredToken("ann")));
    assertThat(expired.statusCode()).isEqualTo(401);
    // the cookie counts only from this server's origin (or none), as for /ws
    HttpResponse<Buffer> crossSite =
        node.command(
            null,
            "board.create",
            body,
            Map.of("Cookie", "token=" + node.token("ann"), "Origin", "https://evil.example"));
    assertThat(crossSite.statusCode()).isEqualTo(401);
    HttpResponse<Buffer> cookie =
        node.command(null, "board.create", body, Map.of("Cookie", "token=" + node.token("ann")));
    assertThat(cookie.statusCode()).isEqualTo(202);
  }

  @Test
  void badCommandsAre400NamingTheFieldWithNothingRecordedOrQueued() {
    node.createBoard("bea", "warm-up"); // the relay has published something: the count is live
    await().until(() -> TestNode.await(node.store().pendingOutbox(10)).isEmpty());
    int before = records();
    double published = queued();
    assertBad("board.create", new JsonObject(), "field 'title' must be a non-empty string");
    assertBad("board.create", new JsonObject().put("title", 42), "'title'");
    assertBad(
        "board.create",
        new JsonObject().put("title", "x".repeat(201)),
        "'title' must be at most 200");
    assertBad(
        "card.add",
        new JsonObject().put("boardId", "b 1").put("title", "t").put("column", "c"),
        "field 'boardId' must be an id");
    assertBad(
        "card.move",
        new JsonObject()
            .put("boardId", "b")
            .put("cardId", "c")
            .put("column", "x")
            .put("position", -1),
        "field 'position' must be a whole number from 0 to 1000");
    assertBad("board.create", "[1,2]", "the body must be a JSON object");
    assertBad("board.create", "{not json", "the body must be a JSON object");
    HttpResponse<Buffer> unknown = node.command("bea", "board.destroy", new JsonObject(), Map.of());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getJsonObject("error").getString("code"))
        .isEqualTo("unknown_command");
    HttpResponse<Buffer> badKey =
        node.command(
            "bea",
            "board.create",
            new JsonObject().put("title", "x"),
            Map.of("Idempotency-Key", "a b"));
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(records()).isEqualTo(before);
    assertThat(queued()).isEqualTo(published);
    assertThat(TestNode.await(node.store().pendingOutbox(10))).isEmpty();
  }

  private static void assertBad(String type, Object body, String message) {
    HttpResponse<Buffer> r = node.command("bea", type, body, Map.of());
    assertThat(r.statusCode()).as(body.toString()).isEqualTo(400);
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("bad_request");
    assertThat(error.getString("message")).contains(message);
  }

  @Test
  void aRetriedRequestWithTheSameIdempotencyKeyGetsTheSameIdAndRunsOnce() {
    try (TestClient tab = node.connect("ida")) {
      Map<String, String> key = Map.of("Idempotency-Key", "create-retro-1");
      JsonObject body = new JsonObject().put("title", "Retro");
      HttpResponse<Buffer> first = node.command("ida", "board.create", body, key);
      HttpResponse<Buffer> second = node.command("ida", "board.create", body, key);
      assertThat(first.statusCode()).isEqualTo(202);
      assertThat(second.statusCode()).isEqualTo(202);
      String id = first.getHeader("Command-Id");
      assertThat(second.getHeader("Command-Id")).isEqualTo(id);
      assertThat(tab.skipTo("notification").getJsonObject("data").getString("commandId"))
          .isEqualTo(id);
      node.handled("ida", id);
      assertThat(events().stream().filter(e -> id.equals(e.metadata().commandId())).count())
          .isEqualTo(1);
      // the same key of another user is another command
      HttpResponse<Buffer> other = node.command("joe", "board.create", body, key);
      assertThat(other.getHeader("Command-Id")).isNotEqualTo(id);
      // one notification for ida's one command: nothing else arrives for a while
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> tab.pending() == 0);
    }
  }

  @Test
  void noTokenEndsUpInAnEventARecordOrAMessage() {
    String token = node.token("kim");
    String id = node.accepted("kim", "board.create", new JsonObject().put("title", "Secret-free"));
    JsonObject record = node.handled("kim", id);
    String boardId = record.getString("stream").substring("board-".length());
    node.handled(
        "kim",
        node.accepted(
            "kim",
            "card.add",
            new JsonObject().put("boardId", boardId).put("title", "t").put("column", "c")));
    List<RecordedEvent> mine =
        events().stream().filter(e -> "kim".equals(e.metadata().user())).toList();
    assertThat(mine).hasSize(2);
    for (RecordedEvent e : mine) {
      assertThat(e.metadata().commandId()).isNotNull();
      assertThat(e.metadata().correlationId()).isNotNull();
      assertThat(e.metadata().causationId()).isEqualTo(e.metadata().commandId());
      assertThat(e.toString()).doesNotContain(token).doesNotContain(TestNode.SECRET);
    }
    String signature = token.substring(token.lastIndexOf('.') + 1);
    assertThat(record.encode()).doesNotContain(token).doesNotContain(signature);
    assertThat(TestNode.await(node.store().list("commands", null, 10_000)).documents().toString())
        .doesNotContain(signature);
  }

  private static List<RecordedEvent> events() {
    List<RecordedEvent> all = new ArrayList<>();
    Position at = Position.START;
    while (true) {
      EventPage page = TestNode.await(node.store().readAll(at, 500));
      if (page.events().isEmpty()) {
        return all;
      }
      all.addAll(page.events());
      at = page.next();
    }
  }
}
