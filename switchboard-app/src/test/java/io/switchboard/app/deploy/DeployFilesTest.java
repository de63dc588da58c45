package io.switchboard.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment files ship safe defaults (issue 7, secrets): the load balancer does not log the
 * {@code ?token=} query of WebSocket upgrades, and the compose stack publishes no service with a
 * default credential (RabbitMQ's management UI with guest:guest was published on every interface).
 */
class DeployFilesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void nginxLogsPathsWithoutTheirQueryString() throws Exception {
    String conf = Files.readString(ROOT.resolve("deploy/nginx.conf"));
    Matcher format = Pattern.compile("log_format\\s+(\\w+)([^;]*);").matcher(conf);
    assertThat(format.find())
        .as("a log_format of its own, not nginx's default 'combined'")
        .isTrue();
    String fields = format.group(2);
    assertThat(fields)
        .doesNotContain("$request ")
        .doesNotContain("$request\"")
        .doesNotContain("$request_uri")
        .doesNotContain("$args")
        .doesNotContain("$query_string")
        .contains("$uri");
    assertThat(conf).containsPattern("access_log\\s+\\S+\\s+" + format.group(1) + "\\s*;");
    assertThat(conf).containsPattern("error_log\\s+\\S+\\s+crit\\s*;");
  }

  @Test
  void composePublishesNoDefaultCredential() throws Exception {
    String compose = Files.readString(ROOT.resolve("docker-compose.yaml"));
    assertThat(compose).doesNotContain("guest:guest").doesNotContain("POSTGRES_PASSWORD: postgres");
    assertThat(compose).doesNotContainPattern("ports:\\s*\\[\\s*\"15672");
    assertThat(compose).contains("RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD:?");
  }
}
