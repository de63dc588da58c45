package io.switchboard.engine.postgres;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code postgresql://user[:password]@host[:port]/database[?sslmode=…]} URL (issue 8 point
 * 0), turned into the reactive client's options and the JDBC URL of the migrations. User and
 * database are required; user, password and database may be percent-encoded; the only parameter is
 * {@code sslmode} ({@code disable}, the default, {@code allow}, {@code prefer}, {@code require}).
 * Parse errors never quote the URL, so a password cannot leak through them.
 */
record PgUrl(
    String host, int port, String database, String user, String password, SslMode sslMode) {
  private static final Pattern URL =
      Pattern.compile(
          "postgres(?:ql)?://(?<user>[^:@/?#\\s]+)(?::(?<password>[^@/?#\\s]*))?@"
              + "(?<host>\\[[0-9A-Fa-f:.]+]|[^:/?#@\\[\\]\\s]+)(?::(?<port>\\d{1,5}))?"
              + "/(?<database>[^/?#\\s]+)(?:\\?(?<params>[^#\\s]*))?");
  private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require");

  /** The URL shape, for error messages. */
  static final String SHAPE =
      "postgresql://user[:password]@host[:port]/database[?sslmode=disable|allow|prefer|require]";

  /**
   * Parses a URL.
   *
   * @throws IllegalArgumentException naming what is wrong (never quoting the URL)
   */
  static PgUrl parse(String url) {
    if (url == null) {
      throw new IllegalArgumentException("no PostgreSQL URL (expected " + SHAPE + ")");
    }
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL URL (expected " + SHAPE + ")");
    }
    int port = m.group("port") == null ? 5432 : Integer.parseInt(m.group("port"));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the port of the PostgreSQL URL is not in 1..65535");
    }
    String host = m.group("host");
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    SslMode ssl = SslMode.DISABLE;
    String params = m.group("params");
    if (params != null && !params.isEmpty()) {
      for (String pair : params.split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        String value = pair.substring(name.length() + (pair.contains("=") ? 1 : 0));
        if (!name.equals("sslmode") || !SSL_MODES.contains(value)) {
          throw new IllegalArgumentException(
              "the PostgreSQL URL allows one parameter, sslmode=" + String.join("|", SSL_MODES));
        }
        ssl = SslMode.of(value);
      }
    }
    String password = m.group("password");
    return new PgUrl(
        host,
        port,
        decode(m.group("database")),
        decode(m.group("user")),
        password == null ? null : decode(password),
        ssl);
  }

  /** Percent-decoding only: a {@code +} stays a plus. */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PostgreSQL URL has a bad percent-encoding");
    }
  }

  /**
   * The reactive client's options: host, port, database, user, password (empty when the URL has
   * none), SSL mode, prepared statements cached.
   */
  PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password == null ? "" : password)
        .setSslMode(sslMode)
        .setCachePreparedStatements(true);
  }

  /**
   * The JDBC URL of the same database for the migrations, without user or password (they go
   * separately): {@code jdbc:postgresql://host:port/database?sslmode=…&connectTimeout=<s>}.
   */
  String jdbcUrl(Duration connectTimeout) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:postgresql://"
        + h
        + ":"
        + port
        + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8)
        + "?sslmode="
        + sslMode.value
        + "&connectTimeout="
        + Math.max(1, connectTimeout.toSeconds());
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "postgresql://"
        + user
        + (password == null ? "" : ":***")
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database;
  }
}
