package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.cluster.Http.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox and the command path through faults of the real services (SPEC C2; issue 8 point 8),
 * on two node processes sharing Redis, RabbitMQ and PostgreSQL: RabbitMQ stopped and started while
 * commands flow, a node killed with committed but unpublished outbox rows, PostgreSQL stopped and
 * started while commands flow. Every event stored reaches a backend's queue on the events exchange
 * (at least once; duplicates are counted), every accepted command is applied, every refused one was
 * refused with 503. The services are always started again.
 */
class CommandsFaultIT {
  static final Duration RECOVERY = Duration.ofSeconds(60);
  Cluster cluster;
  Http http;
  Probe events;

  @BeforeEach
  void startTwoNodes() {
    cluster = Cluster.withStore(2);
    http = new Http(cluster);
    events = Probe.on(cluster.eventsExchange);
  }

  @AfterEach
  void stop() {
    try {
      Services.startRabbit();
      Services.startPostgres();
      events.close();
    } finally {
      cluster.close();
    }
  }

  /** Sends {@code card.add} commands from a timer, alternating nodes, remembering each reply. */
  final class Load {
    final String boardId;
    final Map<Integer, Integer> statuses = new ConcurrentHashMap<>(); // status -> count
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final Map<String, String> refusedKeys = new ConcurrentHashMap<>(); // key -> status
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    long timer;

    Load(String boardId) {
      this.boardId = boardId;
    }

    void start(long everyMs) {
      timer = cluster.vertx.setPeriodic(everyMs, t -> send(sent.getAndIncrement()));
    }

    private void send(int i) {
      String key = "load-" + i;
      JsonObject body =
          new JsonObject().put("boardId", boardId).put("title", "c" + i).put("column", "todo");
      http.commandAsync(i % 2, "ann", "card.add", body.encode(), key)
          .whenComplete(
              (r, e) -> {
                if (e != null) {
                  failures.incrementAndGet();
                  refusedKeys.put(key, e.toString());
                  return;
                }
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() == 202) {
                  accepted.add(r.commandId());
                } else {
                  refusedKeys.put(key, Integer.toString(r.status()));
                }
              });
    }

    int count(int status) {
      return statuses.getOrDefault(status, 0);
    }

    /** Stops sending and waits for the replies of what was sent. */
    void stop() {
      cluster.vertx.cancelTimer(timer);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  statuses.values().stream().mapToInt(Integer::intValue).sum() + failures.get()
                      == sent.get());
    }
  }

  String createBoard(String title) {
    Reply r = http.command(0, "ann", "board.create", new JsonObject().put("title", title), null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return http.awaitOutcome(0, "ann", r.commandId())
        .getString("stream")
        .substring("board-".length());
  }

  /** Every event in the store arrives on the probe queue; returns how many came twice or more. */
  int assertEveryEventPublished() {
    List<String> stored = Postgres.column(cluster.database, "select id from events");
    Awaitility.await()
        .atMost(RECOVERY)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        events.drain().stream().map(Probe.Message::id).collect(Collectors.toSet()))
                    .containsAll(stored));
    List<Probe.Message> received = events.drain();
    Set<String> distinct = received.stream().map(Probe.Message::id).collect(Collectors.toSet());
    assertThat(distinct).containsExactlyInAnyOrderElementsOf(stored);
    return received.size() - distinct.size();
  }

  void assertAllApplied(Set<String> commandIds) {
    for (String id : commandIds) {
      assertThat(http.awaitOutcome(1, "ann", id).getString("status")).as(id).isEqualTo("applied");
    }
  }

  @Test
  void theOutboxSurvivesARabbitMqStopAndStart() {
    String boardId = createBoard("Through an outage");
    Load load = new Load(boardId);
    load.start(20);
    Awaitility.await().atMost(RECOVERY).until(() -> load.count(202) >= 20);
    Services.stopRabbit();
    int before = load.count(202);
    // commands are still accepted: the intake needs only the store
    Awaitility.await().atMost(RECOVERY).until(() -> load.count(202) >= before + 40);
    Services.startRabbit();
    int after = load.count(202);
    Awaitility.await().atMost(RECOVERY).until(() -> load.count(202) >= after + 40);
    load.stop();

    assertThat(load.statuses.keySet()).containsOnly(202);
    assertThat(load.failures).hasValue(0);
    assertAllApplied(load.accepted);
    JsonObject board = http.get(0, "ann", "/api/v1/queries/boards/" + boardId).json();
    assertThat(board.getJsonArray("cards")).hasSize(load.accepted.size());
    int duplicates = assertEveryEventPublished();
    System.out.printf(
        "rabbitmq stop/start: %d commands accepted, %d events, %d duplicates on the events exchange%n",
        load.accepted.size(), load.accepted.size() + 1, duplicates);
  }

  @Test
  void rowsCommittedByAKilledNodeArePublishedByTheOther() {
    String boardId = createBoard("Orphans");
    Services.stopRabbit();
    // node a commits commands and a backend's events; none can be published while RabbitMQ is down
    Set<String> commands = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Reply r =
          http.command(
              0,
              "ann",
              "card.add",
              new JsonObject().put("boardId", boardId).put("title", "k" + i).put("column", "todo"),
              null);
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      commands.add(r.commandId());
    }
    String side = "ledger-" + UUID.randomUUID();
    for (int v = 0; v < 10; v++) {
      JsonObject event =
          new JsonObject().put("type", "entry.posted").put("data", new JsonObject().put("n", v));
      Reply r =
          http.appendAsync(
                  0,
                  side,
                  new JsonObject()
                      .put("expectedVersion", v)
                      .put("events", new JsonArray().add(event)))
              .join();
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    assertThat(Postgres.column(cluster.database, "select count(*) from outbox").get(0))
        .isEqualTo("30");
    cluster.node(0).kill();
    Services.startRabbit();

    assertAllApplied(commands);
    int duplicates = assertEveryEventPublished();
    assertThat(Postgres.column(cluster.database, "select count(*) from outbox").get(0))
        .isEqualTo("0");
    System.out.printf(
        "killed node: 20 commands and 10 events it committed were published by the other node"
            + " (%d duplicates)%n",
        duplicates);
  }

  @Test
  void duringAPostgresRestartCommandsAreAcceptedOrRefusedNeverLost() {
    String boardId = createBoard("Through a restart");
    Load load = new Load(boardId);
    load.start(20);
    Awaitility.await().atMost(RECOVERY).until(() -> load.count(202) >= 20);
    Services.stopPostgres();
    Awaitility.await().atMost(RECOVERY).until(() -> load.count(503) >= 10);
    Services.startPostgres();
    int after = load.count(202);
    Awaitility.await().atMost(RECOVERY).until(() -> load.count(202) >= after + 40);
    load.stop();

    assertThat(load.statuses.keySet()).containsOnly(202, 503);
    assertThat(load.failures).hasValue(0);
    assertAllApplied(load.accepted);
    // a client retries each refused command with its Idempotency-Key: each runs exactly once
    Set<String> retried = new HashSet<>();
    for (String key : load.refusedKeys.keySet()) {
      int i = Integer.parseInt(key.substring("load-".length()));
      Reply r =
          http.command(
              i % 2,
              "ann",
              "card.add",
              new JsonObject().put("boardId", boardId).put("title", "c" + i).put("column", "todo"),
              key);
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      retried.add(r.commandId());
    }
    assertAllApplied(retried);
    JsonArray cards =
        http.get(0, "ann", "/api/v1/queries/boards/" + boardId).json().getJsonArray("cards");
    Set<String> titles = new HashSet<>();
    cards.forEach(c -> titles.add(((JsonObject) c).getString("title")));
    assertThat(titles).hasSize(cards.size()); // no command ran twice
    assertThat(cards.size()).isEqualTo(load.sent.get());
    assertEveryEventPublished();
    System.out.printf(
        "postgres restart: %d accepted, %d refused with 503 (all applied after a retry)%n",
        load.count(202), load.count(503));
  }
}
