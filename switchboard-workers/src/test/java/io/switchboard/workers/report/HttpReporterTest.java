package io.switchboard.workers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.broker.Undeliverable;
import io.switchboard.workers.testing.GatewayStub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status handling of {@link HttpReporter} against a local stub of the gateway. */
class HttpReporterTest {
  private static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 3);
  private static final Completion DONE =
      Completion.succeeded("wf-1", "s-1", "image_processing", new JsonObject());
  private Vertx vertx;
  private GatewayStub gateway;
  private HttpReporter reporter;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    gateway = get(GatewayStub.start(vertx));
    reporter =
        new HttpReporter(vertx, gateway.uri(), "key-0123456789abcdef", FAST, Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() throws Exception {
    get(reporter.close());
    get(vertx.close());
  }

  @Test
  void notFoundAndConflictAreStaleAndNotRetried() throws Exception {
    gateway.answer(404, 409);
    assertThat(get(reporter.report(DONE))).isEqualTo(Reporter.Outcome.STALE);
    assertThat(get(reporter.report(DONE))).isEqualTo(Reporter.Outcome.STALE);
    assertThat(gateway.requests()).hasSize(2);
  }

  @Test
  void tooManyRequestsAndServerErrorsAreRetried() throws Exception {
    gateway.answer(429, 502);
    assertThat(get(reporter.report(DONE))).isEqualTo(Reporter.Outcome.ACCEPTED);
    assertThat(gateway.requests()).hasSize(3);
  }

  @Test
  void otherClientErrorsAreFinal() {
    gateway.answer(400);
    assertThatThrownBy(() -> get(reporter.report(DONE)))
        .hasCauseInstanceOf(Undeliverable.class)
        .hasMessageContaining(
            "gateway refused the completion of wf-1/s-1 with 400: stub answer 400");
    assertThat(gateway.requests()).hasSize(1);
  }

  @Test
  void anUnreachableGatewayFailsTransientlyAfterTheTries() throws Exception {
    URI closed = gateway.uri();
    get(gateway.close());
    HttpReporter r =
        new HttpReporter(vertx, closed, "key-0123456789abcdef", FAST, Duration.ofSeconds(5));
    assertThatThrownBy(() -> get(r.report(DONE)))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("not accepted after 3 tries")
        .satisfies(e -> assertThat(Undeliverable.isPermanent(e.getCause())).isFalse());
  }

  @Test
  void theGatewayMustBeAnHttpUrlAndTheKeyIsRequired() {
    assertThat(HttpReporter.url(URI.create("http://gw:8000/prefix/")))
        .isEqualTo("http://gw:8000/prefix/api/v1/workflow/step-completed");
    assertThatThrownBy(() -> HttpReporter.url(URI.create("ftp://gw")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gateway: ftp://gw is not an http:// or https:// URL with a host");
    assertThatThrownBy(() -> HttpReporter.url(URI.create("gw:8000")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new HttpReporter(vertx, gateway.uri(), " ", FAST, Duration.ofSeconds(1)))
        .hasMessage("apiKey: required to report over HTTP (X-API-Key)");
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
