package io.switchboard.server.config;

/**
 * The PostgreSQL connection of the store port (issue 8 point 0; SPEC "Engines", store), used when
 * {@code engine.store} is {@code postgres}.
 *
 * @param url {@code postgresql://user[:password]@host[:port]/database[?sslmode=…]} (user and
 *     database required; {@code sslmode} {@code disable}, the default, {@code allow}, {@code
 *     prefer} or {@code require}), default {@code
 *     postgresql://postgres@127.0.0.1:5432/switchboard}; a password belongs in {@code
 *     SWITCHBOARD_ENGINE_POSTGRES_URL}
 * @param poolSize connections of the pool that runs the store's reads and commits, 1 or more,
 *     default 8 (one LISTEN connection comes on top, and one JDBC connection while migrating at
 *     start)
 */
public record PostgresConfig(String url, int poolSize) {
  /** Local PostgreSQL as {@code postgres}, database {@code switchboard}, a pool of 8. */
  public static final PostgresConfig DEFAULT =
      new PostgresConfig("postgresql://postgres@127.0.0.1:5432/switchboard", 8);

  /** Every component, with the URL's password masked, so it may be logged. */
  @Override
  public String toString() {
    return "PostgresConfig[url=" + EngineConfig.masked(url) + ", poolSize=" + poolSize + "]";
  }
}
