package io.switchboard.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.workers.report.Backoff;
import io.switchboard.workers.step.WorkerCounts;
import io.switchboard.workers.testing.GatewayStub;
import io.switchboard.workers.testing.Steps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example workers' behaviour (issue 9 point 7), run on each broker engine by a subclass: the
 * memory broker ({@code WorkersMemoryTest}) and the real RabbitMQ ({@code WorkersRabbitIT}). Each
 * test uses its own exchange and queue names; the gateway is a {@link GatewayStub}.
 *
 * <p>Ordering proofs instead of sleeps: {@link #options()} consumes with concurrency 1, so a queue
 * hands its messages over one at a time and when the report of a later message arrives, every
 * earlier one has been settled. The concurrency tests (issue 9 point 9) hold the stub's answers
 * instead.
 */
abstract class WorkersContract {
  static final String KEY = "worker-key-0123456789";
  static final String IMAGE = "image_processing";

  /** Unique to the test: {@code it-<8 hex>}. */
  protected final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);

  protected final String exchange = prefix + ".workflow_exchange";
  protected final String queuePrefix = prefix + ".workers.";
  protected Vertx vertx;
  protected GatewayStub gateway;
  private ExampleWorkers workers;

  /** The broker under test, connected; called once per test after {@link #vertx} is set. */
  protected abstract Broker connect() throws Exception;

  /** Deletes what the test declared and closes the broker; called after each test. */
  protected abstract void disconnect() throws Exception;

  protected Broker broker;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    gateway = get(GatewayStub.start(vertx));
    broker = connect();
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (workers != null) {
        get(workers.stop());
      }
      disconnect();
    } finally {
      get(vertx.close());
    }
  }

  /** Image workers reporting to the stub, fast retries, one message at a time. */
  WorkersOptions options() {
    return WorkersOptions.defaults()
        .withConcurrency(1)
        .withSteps(List.of(IMAGE))
        .withTopology(exchange, queuePrefix)
        .withHttp(gateway.uri(), KEY)
        .withRetry(
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 3), Duration.ofSeconds(5));
  }

  ExampleWorkers start(WorkersOptions options) throws Exception {
    workers = get(ExampleWorkers.start(vertx, broker, options));
    return workers;
  }

  void publish(BrokerMessage... messages) throws Exception {
    assertThat(get(broker.publish(List.of(messages)))).isEmpty();
  }

  BrokerMessage step(String workflowId, String stepId) {
    return Steps.message(exchange, workflowId, stepId, IMAGE);
  }

  /** Waits for {@code n} requests at the stub and returns them. */
  List<GatewayStub.Request> awaitRequests(int n) {
    await().atMost(30, TimeUnit.SECONDS).until(() -> gateway.requests().size() >= n);
    return gateway.requests();
  }

  /** Consumes {@code queue} into a list. */
  List<BrokerMessage> collect(String queue) throws Exception {
    List<BrokerMessage> got = new CopyOnWriteArrayList<>();
    get(
        broker.consume(
            queue,
            m -> {
              got.add(m);
              return Future.succeededFuture();
            }));
    return got;
  }

  @Test
  void reportsTheCompletionOverHttpWithTheApiKey() throws Exception {
    start(options());
    publish(step("wf-1", "s-1"));
    GatewayStub.Request r = awaitRequests(1).get(0);
    assertThat(r.path()).isEqualTo("/api/v1/workflow/step-completed");
    assertThat(r.apiKey()).isEqualTo(KEY);
    JsonObject body = r.body();
    assertThat(body.fieldNames())
        .containsExactlyInAnyOrder("workflow_id", "step_id", "step_type", "success", "result");
    assertThat(body.getString("workflow_id")).isEqualTo("wf-1");
    assertThat(body.getString("step_id")).isEqualTo("s-1");
    assertThat(body.getString("step_type")).isEqualTo(IMAGE);
    assertThat(body.getBoolean("success")).isTrue();
    assertThat(body.getJsonObject("result").getInteger("image_count")).isEqualTo(2);
  }

  @Test
  void retriesA5xxButNotA409() throws Exception {
    gateway.answer(503, 200, 409);
    ExampleWorkers w = start(options());
    publish(step("wf-1", "s-1"), step("wf-2", "s-2"), step("wf-3", "s-3"));
    List<GatewayStub.Request> got = awaitRequests(4);
    assertThat(got.stream().map(r -> r.body().getString("step_id")))
        .containsExactly("s-1", "s-1", "s-2", "s-3");
    await().atMost(10, TimeUnit.SECONDS).until(() -> w.counts().get(IMAGE).accepted() == 2);
    assertThat(w.counts().get(IMAGE)).isEqualTo(new WorkerCounts(3, 0, 2, 1, 0, 0));
  }

  @Test
  void aRedeliveredMessageIsRunAndReportedOnce() throws Exception {
    ExampleWorkers w = start(options());
    BrokerMessage first = step("wf-1", "s-1");
    publish(first, first, step("wf-2", "s-2"));
    List<GatewayStub.Request> got = awaitRequests(2);
    assertThat(got.stream().map(r -> r.body().getString("step_id"))).containsExactly("s-1", "s-2");
    await().atMost(10, TimeUnit.SECONDS).until(() -> w.counts().get(IMAGE).accepted() == 2);
    WorkerCounts c = w.counts().get(IMAGE);
    assertThat(c.runs()).isEqualTo(2);
    assertThat(c.duplicates()).isEqualTo(1);
    assertThat(gateway.requests()).hasSize(2);
  }

  @Test
  void underConcurrencyNStepsAreInFlightAtOnceAndNotMore() throws Exception {
    gateway.hold();
    ExampleWorkers w = start(options().withConcurrency(4));
    BrokerMessage[] steps = new BrokerMessage[10];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = step("wf-" + i, "s-" + i);
    }
    publish(steps);
    await() // four reports wait at the gateway, and no fifth step starts meanwhile
        .atMost(30, TimeUnit.SECONDS)
        .during(300, TimeUnit.MILLISECONDS)
        .until(() -> gateway.requests().size() == 4);
    gateway.release();
    await().atMost(30, TimeUnit.SECONDS).until(() -> w.counts().get(IMAGE).accepted() == 10);
    assertThat(gateway.requests().stream().map(r -> r.body().getString("step_id")).distinct())
        .hasSize(10);
    assertThat(w.counts().get(IMAGE)).isEqualTo(new WorkerCounts(10, 0, 10, 0, 0, 0));
  }

  @Test
  void underConcurrencyADuplicateInFlightWithTheFirstIsRunAndReportedOnce() throws Exception {
    gateway.hold();
    ExampleWorkers w = start(options().withConcurrency(16));
    BrokerMessage first = step("wf-1", "s-1");
    publish(first, first, step("wf-2", "s-2"));
    // while the first report is held, the duplicate is handed over and joins it
    await().atMost(30, TimeUnit.SECONDS).until(() -> w.counts().get(IMAGE).duplicates() == 1);
    await().atMost(30, TimeUnit.SECONDS).until(() -> gateway.requests().size() == 2);
    gateway.release();
    await().atMost(10, TimeUnit.SECONDS).until(() -> w.counts().get(IMAGE).accepted() == 2);
    assertThat(w.counts().get(IMAGE)).isEqualTo(new WorkerCounts(2, 0, 2, 0, 1, 0));
    assertThat(gateway.requests().stream().map(r -> r.body().getString("step_id")))
        .containsExactlyInAnyOrder("s-1", "s-2");
  }

  @Test
  void aReportStillFailingAfterItsRetriesIsRedeliveredWithoutRunningTheWorkAgain()
      throws Exception {
    gateway.answer(503, 503, 503, 500); // the reporter tries 3 times, the broker redelivers
    ExampleWorkers w = start(options());
    publish(step("wf-1", "s-1"));
    List<GatewayStub.Request> got = awaitRequests(5);
    assertThat(got).allSatisfy(r -> assertThat(r.body().getString("step_id")).isEqualTo("s-1"));
    assertThat(got.stream().map(GatewayStub.Request::body).distinct()).hasSize(1);
    await().atMost(10, TimeUnit.SECONDS).until(() -> w.counts().get(IMAGE).accepted() == 1);
    assertThat(w.counts().get(IMAGE).runs()).isEqualTo(1);
  }

  @Test
  void aFailedStepIsReportedAsAFailure() throws Exception {
    start(options().withFaults(Duration.ofMillis(20), 1));
    publish(step("wf-1", "s-1"));
    JsonObject body = awaitRequests(1).get(0).body();
    assertThat(body.getBoolean("success")).isFalse();
    assertThat(body.getString("error_msg")).isEqualTo("injected failure (fail-every 1)");
    assertThat(body.containsKey("result")).isFalse();
  }

  @Test
  void brokerReportsPublishStepCompleted() throws Exception {
    String completions = prefix + ".completions";
    get(broker.bind(completions, exchange, "step.completed"));
    List<BrokerMessage> got = collect(completions);
    start(options().withBrokerReports());
    publish(step("wf-1", "s-1"));
    await().atMost(30, TimeUnit.SECONDS).until(() -> !got.isEmpty());
    BrokerMessage m = got.get(0);
    assertThat(m.routingKey()).isEqualTo("step.completed");
    assertThat(m.messageId()).isEqualTo("wf-1-s-1-completed");
    JsonObject body = Buffer.buffer(m.body()).toJsonObject();
    assertThat(body.getString("type")).isEqualTo("step.completed");
    assertThat(body.getString("workflow_id")).isEqualTo("wf-1");
    assertThat(body.getString("step_id")).isEqualTo("s-1");
    assertThat(body.getString("step_type")).isEqualTo(IMAGE);
    assertThat(body.getBoolean("success")).isTrue();
    assertThat(body.getJsonObject("result").getInteger("image_count")).isEqualTo(2);
    assertThat(Instant.parse(body.getString("timestamp"))).isNotNull();
    assertThat(gateway.requests()).isEmpty();
  }

  @Test
  void malformedMessagesAndRefusedReportsAreDeadLettered() throws Exception {
    ExampleWorkers w = start(options());
    String queue = queuePrefix + IMAGE;
    List<BrokerMessage> dead = collect(queue + ".dlq");
    gateway.answer(401);
    publish(
        Steps.raw(exchange, "step." + IMAGE, "not json", "m-1"),
        Steps.raw(
            exchange,
            "step." + IMAGE,
            Steps.body("wf-1", "s-1", IMAGE).put("step_id", "").encode(),
            "m-2"),
        Steps.raw(
            exchange, "step." + IMAGE, Steps.body("wf-1", "s-1", "seo_generation").encode(), "m-3"),
        step("wf-4", "s-4"), // answered 401: refused for good
        step("wf-5", "s-5"));
    await().atMost(30, TimeUnit.SECONDS).until(() -> dead.size() == 4);
    assertThat(dead.stream().map(BrokerMessage::messageId))
        .containsExactly("m-1", "m-2", "m-3", "wf-4-s-4-workflow.next_step-1");
    assertThat(awaitRequests(2).stream().map(r -> r.body().getString("step_id")))
        .containsExactly("s-4", "s-5");
    await().atMost(10, TimeUnit.SECONDS).until(() -> w.counts().get(IMAGE).accepted() == 1);
    assertThat(w.counts().get(IMAGE).deadLettered()).isEqualTo(4);
  }

  @Test
  void everyExampleStepIsServed() throws Exception {
    start(options().withSteps(List.of("image_processing", "ai_enhancement", "seo_generation")));
    publish(
        step("wf-1", "s-1"),
        Steps.message(exchange, "wf-1", "s-2", "ai_enhancement"),
        Steps.message(exchange, "wf-1", "s-3", "seo_generation"));
    List<GatewayStub.Request> got = awaitRequests(3);
    assertThat(got.stream().map(r -> r.body().getString("step_type")))
        .containsExactlyInAnyOrder("image_processing", "ai_enhancement", "seo_generation");
    assertThat(got).allSatisfy(r -> assertThat(r.body().getBoolean("success")).isTrue());
  }

  static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
