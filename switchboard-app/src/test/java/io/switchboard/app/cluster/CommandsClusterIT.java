package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.cluster.Http.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commands, events and queries on two node processes sharing the real Redis, RabbitMQ and
 * PostgreSQL (SPEC C2; issue 8 point 8): the whole path from an HTTP command on one node to the
 * notification and the board room on the other, concurrent commands on one board from both nodes
 * plus a backend appending to it, idempotent retries across nodes, bad commands, and a projection
 * rebuild during traffic that equals the live projection.
 */
class CommandsClusterIT {
  static Cluster cluster;
  static Http http;
  static Probe events;

  @BeforeAll
  static void startTwoNodes() {
    cluster = Cluster.withStore(2);
    http = new Http(cluster);
    events = Probe.on(cluster.eventsExchange);
  }

  @AfterAll
  static void stop() {
    try {
      events.close();
    } finally {
      cluster.close();
    }
  }

  static String accepted(int node, String user, String type, JsonObject body) {
    Reply r = http.command(node, user, type, body, null);
    assertThat(r.status()).as("%s: %s", type, r.body()).isEqualTo(202);
    assertThat(r.body()).isEmpty();
    return r.commandId();
  }

  static String createBoard(int node, String user, String title) {
    String id = accepted(node, user, "board.create", new JsonObject().put("title", title));
    JsonObject record = http.awaitOutcome(node, user, id);
    assertThat(record.getString("status")).isEqualTo("applied");
    return record.getString("stream").substring("board-".length());
  }

  static JsonObject card(String boardId, String title) {
    return new JsonObject().put("boardId", boardId).put("title", title).put("column", "todo");
  }

  static JsonObject board(int node, String user, String boardId) {
    Reply r = http.get(node, user, "/api/v1/queries/boards/" + boardId);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aCommandOnOneNodeReachesTheUserAndTheBoardRoomOnTheOther() {
    try (WsClient annOnB = cluster.connect(1, "ann");
        WsClient annOnA = cluster.connect(0, "ann");
        WsClient bobOnB = cluster.connect(1, "bob")) {
      String create = accepted(0, "ann", "board.create", new JsonObject().put("title", "Launch"));
      for (WsClient tab : List.of(annOnB, annOnA)) {
        JsonObject n = tab.skipTo("notification");
        assertThat(n.getString("event")).isEqualTo("command.applied");
        assertThat(n.getJsonObject("data").getString("commandId")).isEqualTo(create);
        assertThat(n.getJsonObject("data").getLong("version")).isEqualTo(1);
      }
      String boardId =
          http.awaitOutcome(1, "ann", create).getString("stream").substring("board-".length());
      assertThat(board(1, "bob", boardId).getString("title")).isEqualTo("Launch");

      JsonObject joined = bobOnB.join("board:" + boardId);
      JsonObject snapshot = joined.getJsonObject("data").getJsonObject("snapshot");
      assertThat(snapshot.getString("event")).isEqualTo("board.update");
      assertThat(snapshot.getJsonObject("data").getString("title")).isEqualTo("Launch");

      String add = accepted(0, "ann", "card.add", card(boardId, "Ship it"));
      JsonObject update = bobOnB.skipTo("event");
      assertThat(update.getString("event")).isEqualTo("board.update");
      assertThat(update.getJsonObject("data").getLong("version")).isEqualTo(2);
      assertThat(
              update
                  .getJsonObject("data")
                  .getJsonArray("cards")
                  .getJsonObject(0)
                  .getString("title"))
          .isEqualTo("Ship it");
      assertThat(annOnB.skipTo("notification").getJsonObject("data").getString("commandId"))
          .isEqualTo(add);
      assertThat(http.awaitOutcome(1, "ann", add).getLong("version")).isEqualTo(2);

      // both events went out on the events exchange, event id as message id
      List<String> stored =
          Postgres.column(
              cluster.database,
              "select id from events where stream = 'board-" + boardId + "' order by version");
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  events.drain().stream()
                      .map(Probe.Message::id)
                      .collect(java.util.stream.Collectors.toSet())
                      .containsAll(stored));
      Probe.Message added =
          events.drain().stream().filter(m -> m.id().equals(stored.get(1))).findFirst().get();
      assertThat(added.routingKey()).isEqualTo("board.card.added");
      assertThat(added.headers()).containsEntry("stream", "board-" + boardId);
      assertThat(new JsonObject(added.body()).getJsonObject("metadata").getString("commandId"))
          .isEqualTo(add);
    }
  }

  @Test
  void concurrentCommandsFromBothNodesAndABackendLoseNoUpdate() {
    String boardId = createBoard(0, "cat", "Busy");
    String stream = "board-" + boardId;
    int commands = 120;
    List<CompletableFuture<Reply>> sent = new ArrayList<>();
    for (int i = 0; i < commands; i++) {
      sent.add(http.commandAsync(i % 2, "cat", "card.add", card(boardId, "c" + i).encode(), null));
    }
    // a backend appends cards to the same board meanwhile, retrying on a version conflict
    int appended = 0;
    int conflicts = 0;
    Set<String> backendCards = new HashSet<>();
    while (appended < 20) {
      long version = board(1, "cat", boardId).getLong("version");
      String cardId = "ext-" + appended;
      JsonObject event =
          new JsonObject()
              .put("type", "card.added")
              .put(
                  "data",
                  new JsonObject()
                      .put("cardId", cardId)
                      .put("title", cardId)
                      .put("column", "todo"));
      Reply r =
          http.appendAsync(
                  appended % 2,
                  stream,
                  new JsonObject()
                      .put("expectedVersion", version)
                      .put("events", new JsonArray().add(event)))
              .join();
      if (r.status() == 409) {
        conflicts++;
        continue;
      }
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      backendCards.add(cardId);
      appended++;
    }
    List<String> ids = sent.stream().map(CompletableFuture::join).map(Reply::commandId).toList();
    ids.forEach(
        id -> assertThat(http.awaitOutcome(0, "cat", id).getString("status")).isEqualTo("applied"));

    JsonObject board = board(0, "cat", boardId);
    assertThat(board.getLong("version")).isEqualTo(1 + commands + 20);
    assertThat(board.getJsonArray("cards")).hasSize(commands + 20);
    List<String> versions =
        Postgres.column(
            cluster.database,
            "select version from events where stream = '" + stream + "' order by version");
    assertThat(versions).hasSize(1 + commands + 20);
    for (int v = 1; v <= versions.size(); v++) {
      assertThat(versions.get(v - 1)).isEqualTo(Integer.toString(v));
    }
    double retried =
        http.metric(0, "switchboard_command_conflicts_total")
            + http.metric(1, "switchboard_command_conflicts_total");
    System.out.printf(
        "concurrent: %d commands + 20 backend appends, %d backend 409s, %.0f handler retries%n",
        commands, conflicts, retried);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyRunsOnceOnEitherNode() {
    String boardId = createBoard(1, "dan", "Retries");
    String key = "retry-" + UUID.randomUUID();
    List<CompletableFuture<Reply>> tries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tries.add(http.commandAsync(i % 2, "dan", "card.add", card(boardId, "once").encode(), key));
    }
    Set<String> ids = new HashSet<>();
    for (CompletableFuture<Reply> t : tries) {
      Reply r = t.join();
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      ids.add(r.commandId());
    }
    assertThat(ids).hasSize(1);
    String id = ids.iterator().next();
    assertThat(http.awaitOutcome(0, "dan", id).getString("status")).isEqualTo("applied");
    Reply later = http.command(0, "dan", "card.add", card(boardId, "once"), key);
    assertThat(later.commandId()).isEqualTo(id);
    // another user's key is their own
    Reply other = http.command(1, "eve", "card.add", card(boardId, "eve's"), key);
    assertThat(other.commandId()).isNotEqualTo(id);
    http.awaitOutcome(1, "eve", other.commandId());
    assertThat(board(0, "dan", boardId).getJsonArray("cards"))
        .extracting(c -> ((JsonObject) c).getString("title"))
        .containsExactlyInAnyOrder("once", "eve's");
  }

  @Test
  void badCommandsAre400WithAMessageAndQueueNothing() {
    String boardId = createBoard(0, "fay", "Strict");
    try (Probe commandsProbe = Probe.on(cluster.commandsExchange)) {
      assertBad(
          0,
          "card.add",
          "{\"boardId\":\"" + boardId + "\",\"title\":5,\"column\":\"todo\"}",
          400,
          "title");
      assertBad(1, "card.add", "{\"title\":\"x\",\"column\":\"todo\"}", 400, "boardId");
      assertBad(0, "card.add", "{\"boardId\":", 400, "JSON");
      assertBad(1, "board.create", "[1,2]", 400, "object");
      assertBad(0, "board.create", "{\"title\":\"" + "x".repeat(300) + "\"}", 400, "title");
      assertBad(1, "card.teleport", "{}", 404, "card.teleport");
      assertBad(0, "board.create", "{\"title\":\"" + "x".repeat(1_100_000) + "\"}", 413, "");
      Reply forged =
          http.commandAsync(0, "fay", "board.create", "{\"title\":\"t\"}", null)
              .thenApply(r -> r)
              .join();
      assertThat(forged.status()).isEqualTo(202); // the control: a good one goes through
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !commandsProbe.drain().isEmpty());
      assertThat(commandsProbe.drain())
          .extracting(Probe.Message::id)
          .containsExactly(forged.commandId());
    }
  }

  private static void assertBad(int node, String type, String body, int status, String names) {
    Reply r = http.commandAsync(node, "fay", type, body, null).join();
    assertThat(r.status()).as("%s %s", type, r.body()).isEqualTo(status);
    assertThat(r.commandId()).isNull();
    if (!names.isEmpty()) {
      assertThat(r.json().getJsonObject("error").getString("message")).contains(names);
    }
  }

  @Test
  void aRebuildDuringTrafficEqualsTheLiveProjection() {
    List<String> boards = new ArrayList<>();
    for (int b = 0; b < 4; b++) {
      boards.add(createBoard(b % 2, "gus", "Board " + b));
    }
    List<String> last = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      last.add(accepted(i % 2, "gus", "card.add", card(boards.get(i % 4), "card " + i)));
    }
    last.forEach(id -> http.awaitOutcome(0, "gus", id));
    List<JsonObject> live = new ArrayList<>();
    boards.forEach(b -> live.add(board(0, "gus", b)));
    long active = http.backend(1, "/api/v1/projections/boards", null).json().getLong("active");

    // traffic on a new board while the other node rebuilds
    String busy = createBoard(0, "gus", "During");
    List<CompletableFuture<Reply>> during = new ArrayList<>();
    Reply rebuild = http.backend(1, "/api/v1/projections/boards/rebuild", new JsonObject());
    assertThat(rebuild.status()).as(rebuild.body()).isEqualTo(202);
    for (int i = 0; i < 40; i++) {
      during.add(http.commandAsync(i % 2, "gus", "card.add", card(busy, "d" + i).encode(), null));
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonObject p = http.backend(0, "/api/v1/projections/boards", null).json();
              return p.getLong("active") == active + 1 && p.getValue("building") == null;
            });
    during.forEach(f -> http.awaitOutcome(0, "gus", f.join().commandId()));

    for (int b = 0; b < boards.size(); b++) {
      assertThat(board(1, "gus", boards.get(b))).isEqualTo(live.get(b));
    }
    assertThat(board(1, "gus", busy).getJsonArray("cards")).hasSize(40);
  }
}
