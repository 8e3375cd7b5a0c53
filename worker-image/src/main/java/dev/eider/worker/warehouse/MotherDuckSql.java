package dev.eider.worker.warehouse;

/**
 * The SQL and connection strings the worker sends to MotherDuck. Kept apart from the code that
 * sends them so they are tested as text: the motherduck extension is downloaded at run time, which
 * our offline build machines cannot do.
 */
public final class MotherDuckSql {

  /** Connection property carrying the token (never put into a URL, which may end up in a log). */
  public static final String TOKEN_PROPERTY = "motherduck_token";
  /** Lets MotherDuck's query history name the client. */
  public static final String USER_AGENT_PROPERTY = "custom_user_agent";

  private MotherDuckSql() {}

  /** A connection to {@code database}, which becomes the session's default database. */
  public static String databaseUrl(String database) {
    return "jdbc:duckdb:md:" + database;
  }

  /**
   * A connection attached to MotherDuck without choosing a database (the equivalent of
   * {@code ATTACH 'md:'}): for creating and dropping databases, since MotherDuck refuses to drop
   * the database a session is using.
   */
  public static String accountUrl() {
    return "jdbc:duckdb:md:";
  }

  /**
   * A zero-copy clone: {@code CREATE DATABASE "to" FROM "from"}; with {@code replace}, an existing
   * target is replaced in one statement ({@code CREATE OR REPLACE DATABASE}).
   */
  public static String createDatabaseFrom(String to, String from, boolean replace) {
    return "CREATE " + (replace ? "OR REPLACE " : "") + "DATABASE " + DuckDb.identifier(to)
        + " FROM " + DuckDb.identifier(from);
  }

  /** Drops a database; absent is fine, so teardown can be repeated. */
  public static String dropDatabase(String database) {
    return "DROP DATABASE IF EXISTS " + DuckDb.identifier(database);
  }
}
