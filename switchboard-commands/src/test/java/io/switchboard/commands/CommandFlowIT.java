package io.switchboard.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.commands.testing.CommandsNode;
import io.switchboard.commands.wire.CommandMessage;
import io.switchboard.commands.wire.Topology;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path on the memory engine (SPEC C2; issue 8 points 1, 3, 5, 6, 7): HTTP command → 202 →
 * events → projection → notification on every socket of the user → {@code board.update} in room
 * {@code board:<id>}.
 */
class CommandFlowIT {
  static CommandsNode node;

  @BeforeAll
  static void start() {
    node = CommandsNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aCommandIsAcceptedWithAnEmptyBodyThenAppliedNotifiedProjectedAndFedToItsRoom() {
    try (TestClient tab1 = node.connect("ann");
        TestClient tab2 = node.connect("ann");
        TestClient other = node.connect("bob")) {
      HttpResponse<Buffer> r =
          node.command("ann", "board.create", new JsonObject().put("title", "Sprint"), Map.of());
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(r.body() == null || r.body().length() == 0).isTrue();
      String id = r.getHeader("Command-Id");
      assertThat(r.getHeader("Location")).isEqualTo("/api/v1/commands/" + id);

      for (TestClient tab : new TestClient[] {tab1, tab2}) {
        JsonObject n = tab.skipTo("notification");
        assertThat(n.getString("event")).isEqualTo("command.applied");
        assertThat(n.getJsonObject("data").getString("commandId")).isEqualTo(id);
        assertThat(n.getJsonObject("data").getString("type")).isEqualTo("board.create");
        assertThat(n.getJsonObject("data").getLong("version")).isEqualTo(1);
      }
      JsonObject record = node.handled("ann", id);
      assertThat(record.getString("status")).isEqualTo("applied");
      assertThat(record.getLong("version")).isEqualTo(1);
      String boardId = record.getString("stream").substring("board-".length());
      assertThat(node.board("bob", boardId).getString("title")).isEqualTo("Sprint");

      // a browser joining the board's room gets the board as the snapshot, then every change
      JsonObject joined = other.join("board:" + boardId);
      JsonObject snapshot = joined.getJsonObject("data").getJsonObject("snapshot");
      assertThat(snapshot.getString("event")).isEqualTo("board.update");
      assertThat(snapshot.getJsonObject("data").getString("title")).isEqualTo("Sprint");

      String add =
          node.accepted(
              "ann",
              "card.add",
              new JsonObject()
                  .put("boardId", boardId)
                  .put("title", "Write tests")
                  .put("column", "todo"));
      JsonObject update = other.skipTo("event");
      assertThat(update.getString("event")).isEqualTo("board.update");
      JsonArray cards = update.getJsonObject("data").getJsonArray("cards");
      assertThat(cards).hasSize(1);
      assertThat(cards.getJsonObject(0).getString("title")).isEqualTo("Write tests");
      assertThat(update.getJsonObject("data").getLong("version")).isEqualTo(2);
      assertThat(tab1.skipTo("notification").getJsonObject("data").getString("commandId"))
          .isEqualTo(add);
      assertThat(node.board("bob", boardId).getJsonArray("cards")).hasSize(1);
      assertThat(other.pending()).isZero(); // bob sent nothing: no notification for him
    }
  }

  @Test
  void aMoveOfAMissingCardIsRejectedRecordedAndNotified() {
    String boardId = node.createBoard("cat", "Rejections");
    try (TestClient tab = node.connect("cat")) {
      String id =
          node.accepted(
              "cat",
              "card.move",
              new JsonObject().put("boardId", boardId).put("cardId", "nope").put("column", "done"));
      JsonObject n = tab.skipTo("notification");
      assertThat(n.getString("event")).isEqualTo("command.rejected");
      assertThat(n.getJsonObject("data").getString("commandId")).isEqualTo(id);
      assertThat(n.getJsonObject("data").getString("reason"))
          .isEqualTo("card nope is not on board " + boardId);
      JsonObject record = node.handled("cat", id);
      assertThat(record.getString("status")).isEqualTo("rejected");
      assertThat(record.getString("reason")).contains("not on board");
      assertThat(node.board("cat", boardId).getLong("version")).isEqualTo(1);
    }
  }

  @Test
  void cardsMoveAndAreRemovedInOrder() {
    String boardId = node.createBoard("dan", "Moves");
    JsonObject base = new JsonObject().put("boardId", boardId);
    String a = add("dan", boardId, "a", "todo");
    String b = add("dan", boardId, "b", "todo");
    node.handled(
        "dan",
        node.accepted(
            "dan",
            "card.move",
            base.copy().put("cardId", b).put("column", "todo").put("position", 0)));
    node.handled(
        "dan",
        node.accepted("dan", "card.move", base.copy().put("cardId", a).put("column", "done")));
    JsonArray cards = node.board("dan", boardId).getJsonArray("cards");
    assertThat(
            cards.stream()
                .map(
                    c ->
                        ((JsonObject) c).getString("title")
                            + "@"
                            + ((JsonObject) c).getString("column")
                            + ((JsonObject) c).getInteger("position")))
        .containsExactly("b@todo0", "a@done0");
    node.handled("dan", node.accepted("dan", "card.remove", base.copy().put("cardId", a)));
    assertThat(node.board("dan", boardId).getJsonArray("cards")).hasSize(1);
    assertThat(node.board("dan", boardId).getLong("version")).isEqualTo(6);
  }

  /** Adds a card and returns its id, read from the projection. */
  private static String add(String user, String boardId, String title, String column) {
    node.handled(
        user,
        node.accepted(
            user,
            "card.add",
            new JsonObject().put("boardId", boardId).put("title", title).put("column", column)));
    return node.board(user, boardId).getJsonArray("cards").stream()
        .map(c -> (JsonObject) c)
        .filter(c -> c.getString("title").equals(title))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  @Test
  void aRedeliveredCommandRunsOnceAndItsOutcomeIsSentAgain() {
    try (TestClient tab = node.connect("hal")) {
      String id = node.accepted("hal", "board.create", new JsonObject().put("title", "Once"));
      assertThat(tab.skipTo("notification").getJsonObject("data").getString("commandId"))
          .isEqualTo(id);
      JsonObject record = node.handled("hal", id);
      String stream = record.getString("stream");
      // the relay publishes at least once: the same command again, as it would arrive
      CommandMessage again =
          new CommandMessage(
              id,
              "board.create",
              stream,
              "hal",
              id,
              record.getLong("time"),
              new JsonObject().put("boardId", stream.substring(6)).put("title", "Once"));
      TestNode.await(node.node.ports.broker().publish(List.of(again.toBroker(new Topology(4)))));
      JsonObject n = tab.skipTo("notification");
      assertThat(n.getString("event")).isEqualTo("command.applied");
      assertThat(n.getJsonObject("data").getString("commandId")).isEqualTo(id);
      assertThat(TestNode.await(node.store().readStream(stream, 0, 10))).hasSize(1);
    }
  }

  @Test
  void anotherUsersCommandIsNotFound() {
    String id = node.accepted("eve", "board.create", new JsonObject().put("title", "Mine"));
    node.handled("eve", id);
    assertThat(node.get("fay", "/api/v1/commands/" + id).statusCode()).isEqualTo(404);
    assertThat(node.get(null, "/api/v1/commands/" + id).statusCode()).isEqualTo(401);
  }

  @Test
  void queriesPageThroughBoards() {
    for (int i = 0; i < 3; i++) {
      node.createBoard("gus", "Paged " + i);
    }
    JsonObject first = node.get("gus", "/api/v1/queries/boards?limit=2").bodyAsJsonObject();
    assertThat(first.getJsonArray("items")).hasSize(2);
    String next = first.getString("next");
    assertThat(next).isNotNull();
    JsonObject second =
        node.get("gus", "/api/v1/queries/boards?limit=500&after=" + next).bodyAsJsonObject();
    assertThat(second.getJsonArray("items")).isNotEmpty();
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id")).isGreaterThan(next);
    assertThat(node.get("gus", "/api/v1/queries/boards?limit=0").statusCode()).isEqualTo(400);
    assertThat(node.get("gus", "/api/v1/queries/nothing").statusCode()).isEqualTo(404);
    assertThat(node.get(null, "/api/v1/queries/boards").statusCode()).isEqualTo(401);
    assertThat(node.get("gus", "/api/v1/queries/boards/none").statusCode()).isEqualTo(404);
  }
}
