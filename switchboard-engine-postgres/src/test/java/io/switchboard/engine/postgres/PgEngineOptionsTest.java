package io.switchboard.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PostgreSQL URL and options (issue 8 point 0): shapes accepted, refused, and masked. */
class PgEngineOptionsTest {
  @Test
  void theDefaultUrlNamesTheLocalServerAsPostgres() {
    PgConnectOptions o = PgEngineOptions.DEFAULTS.parsedUrl().connectOptions();
    assertThat(o.getHost()).isEqualTo("127.0.0.1");
    assertThat(o.getPort()).isEqualTo(5432);
    assertThat(o.getUser()).isEqualTo("postgres");
    assertThat(o.getDatabase()).isEqualTo("switchboard");
    assertThat(o.getPassword()).isEmpty();
    assertThat(o.getSslMode()).isEqualTo(SslMode.DISABLE);
    assertThat(PgEngineOptions.DEFAULTS.poolSize()).isEqualTo(8);
  }

  @Test
  void aUrlIsDecodedAndTurnedIntoTheJdbcUrlOfTheMigrations() {
    PgUrl url =
        PgEngineOptions.DEFAULTS
            .withUrl("postgres://app%2Buser:p%40ss+word@db.example.com/board%20s?sslmode=require")
            .parsedUrl();
    assertThat(url.user()).isEqualTo("app+user");
    assertThat(url.password()).isEqualTo("p@ss+word");
    assertThat(url.database()).isEqualTo("board s");
    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.sslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(url.jdbcUrl(Duration.ofSeconds(5)))
        .isEqualTo(
            "jdbc:postgresql://db.example.com:5432/board+s?sslmode=require&connectTimeout=5");
    assertThat(url.toString()).isEqualTo("postgresql://app+user:***@db.example.com:5432/board s");
    PgUrl v6 = PgUrl.parse("postgresql://u@[::1]:6543/db");
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.jdbcUrl(Duration.ofSeconds(5))).startsWith("jdbc:postgresql://[::1]:6543/db?");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mysql://u:s3cret@h/db",
        "postgresql://u:s3cret@h",
        "postgresql://h/db",
        "postgresql://u:s3cret@h:99999/db",
        "postgresql://u:s3cret@h/db?application_name=x",
        "postgresql://u:s3cret@h/db?sslmode=verify-full",
        "postgresql://u:s3cret@h/db?password=s3cret",
        "postgresql://u:s3cret@h/d%ZZb",
        ""
      })
  void anotherShapeIsRefusedWithoutQuotingTheUrl(String url) {
    assertThatThrownBy(() -> PgEngineOptions.DEFAULTS.withUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL URL")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void toStringMasksThePassword() {
    PgEngineOptions o = PgEngineOptions.DEFAULTS.withUrl("postgresql://u:s3cret@h:5433/db");
    assertThat(o.toString()).contains("postgresql://u:***@h:5433/db").doesNotContain("s3cret");
    assertThat(o.maskedUrl()).isEqualTo("postgresql://u:***@h:5433/db");
  }

  @Test
  void outOfRangeValuesAreRefused() {
    assertThatThrownBy(() -> PgEngineOptions.DEFAULTS.withPoolSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PgEngineOptions.DEFAULTS.withConnectTimeout(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PgEngineOptions.DEFAULTS.withReconnect(
                    Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
