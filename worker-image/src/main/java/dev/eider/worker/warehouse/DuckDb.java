package dev.eider.worker.warehouse;

import dev.eider.worker.run.WorkerFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

/** Small DuckDB facts the warehouse code shares: opening with clear errors, quoting, file headers. */
public final class DuckDb {

  /** A DuckDB database file has these bytes at offset 8 (the main header's magic). */
  private static final byte[] MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
  private static final int MAGIC_OFFSET = 8;
  /** {@code DuckDBDriver.DUCKDB_READONLY_PROPERTY}: open the file without taking the write lock. */
  static final String READ_ONLY = "duckdb.read_only";

  private DuckDb() {}

  /** Opens a DuckDB database file; {@code what} names it in errors (corrupt file, held lock). */
  static Connection openFile(Path file, boolean readOnly, String what, DuckDbResources resources) {
    String url = "jdbc:duckdb:" + file;
    Properties properties = resources.configure(new Properties(), url);
    if (readOnly) {
      properties.setProperty(READ_ONLY, "true");
    }
    try {
      return connect(url, properties);
    } catch (SQLException e) {
      String message = message(e);
      if (message.contains("not a valid DuckDB database file") || message.contains("Serialization Error")) {
        throw WorkerFailure.failed(what + " is not a valid DuckDB database file (corrupt, or another format): "
            + message, e);
      }
      if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
        throw WorkerFailure.retryable(what + " is in use by another process (one writer per DuckDB file): " + message, e);
      }
      throw WorkerFailure.failed(what + " cannot be opened: " + message, e);
    }
  }

  /**
   * An in-memory database: for parsing SQL and for work that keeps nothing. It holds only SQL text,
   * so it runs with DuckDB's default limits; its files still go under java.io.tmpdir.
   */
  public static Connection inMemory() {
    try {
      // Each in-memory open is a database of its own: a spill directory of its own too.
      return connect("jdbc:duckdb:", DuckDbResources.defaults().configure(new Properties(),
          "memory:" + UUID.randomUUID()));
    } catch (SQLException e) {
      throw WorkerFailure.failed("cannot start an in-memory DuckDB: " + message(e), e);
    }
  }

  /** Every DuckDB connection of the worker opens here: a file, in memory or MotherDuck ({@link JdbcConnector}). */
  static Connection connect(String url, Properties properties) throws SQLException {
    requireNativeLibrary();
    return DriverManager.getConnection(url, properties);
  }

  /**
   * Loads DuckDB's native library, which the build puts next to the worker's jar
   * ({@code libduckdb_java.so_linux_<arch>}, where DuckDB's driver looks when the jar has none), and
   * turns a missing or unloadable one into a failure that says so: the driver itself would end the
   * run with an {@link ExceptionInInitializerError} and no termination message.
   */
  private static void requireNativeLibrary() {
    try {
      Class.forName("org.duckdb.DuckDBNative", true, DuckDb.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw WorkerFailure.failed("DuckDB's native library cannot be loaded (it belongs next to the worker's jar): "
          + (root.getMessage() == null ? root.toString() : root.getMessage()), e);
    }
  }

  /** Writes the write-ahead log into the database file, so the file alone is the whole database. */
  static void checkpoint(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  /** Whether the first bytes of a file are those of a DuckDB database. */
  static boolean isDuckDbHeader(byte[] header) {
    return header.length >= MAGIC_OFFSET + MAGIC.length
        && Arrays.equals(header, MAGIC_OFFSET, MAGIC_OFFSET + MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  static boolean isDuckDbFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return isDuckDbHeader(in.readNBytes(MAGIC_OFFSET + MAGIC.length));
    }
  }

  /** The write-ahead log DuckDB keeps next to a database file. */
  static Path walOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".wal");
  }

  /** A quoted SQL identifier. */
  public static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A quoted SQL string literal. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * DuckDB's message without the caret diagram it appends ("LINE 3: ... ^^^"): the kind of error
   * and what it is about, on few lines (the failure handler folds them into one).
   */
  public static String message(SQLException e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int diagram = text.indexOf("\nLINE ");
    String kept = (diagram < 0 ? text : text.substring(0, diagram)).strip();
    return kept.length() > 600 ? kept.substring(0, 600) + "..." : kept;
  }
}
