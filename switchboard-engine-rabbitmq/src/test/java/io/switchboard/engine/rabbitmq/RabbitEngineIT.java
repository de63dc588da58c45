package io.switchboard.engine.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starting the RabbitMQ engine: a failure names the broker, never its password (issue 7, secrets).
 */
class RabbitEngineIT {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFailedStartNamesTheBrokerWithoutItsPassword() {
    for (String uri :
        new String[] {
          "amqp://app:s3cret-pw@127.0.0.1:1", "amqp://127.0.0.1:1?password=s3cret-pw"
        }) {
      Throwable failure =
          RabbitEngine.connect(vertx, RabbitEngineOptions.defaults().withUri(uri))
              .toCompletionStage()
              .toCompletableFuture()
              .handle((ok, e) -> e)
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      assertThat(failure).isNotNull();
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret-pw");
      }
      assertThat(failure.getMessage()).contains("127.0.0.1:1").contains("***");
    }
  }
}
