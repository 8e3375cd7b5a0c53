package dev.eider.worker.warehouse;

import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.run.WorkerFailure;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a warehouse lives, parsed from one connection string ({@code EIDER_WAREHOUSE}, or a
 * {@code db} command's argument): a local DuckDB file path, {@code s3://<bucket>/<key>} (a DuckDB file
 * kept as an object) or {@code md:<database>} (MotherDuck). A bare name such as
 * {@code bluesky_br_feature_x} names a sibling of a base location of the same kind, so staging
 * commands can say "the branch database next to production" without repeating where it lives.
 */
public sealed interface WarehouseLocation {

  String ENV = WorkerEnv.WAREHOUSE;
  String DEFAULT = "eider.duckdb";

  /** How messages and results show this location; it never carries a secret. */
  String display();

  /** A canonical form: two strings naming the same database give the same identity. */
  String identity();

  /** The database called {@code name} next to this one, of the same kind. */
  WarehouseLocation sibling(String name);

  /** A DuckDB file on the local disk (the embedded default). */
  record LocalFile(Path path) implements WarehouseLocation {
    public String display() {
      return path.toString();
    }

    public String identity() {
      return "file:" + path.toAbsolutePath().normalize();
    }

    public LocalFile sibling(String name) {
      return new LocalFile(path.resolveSibling(name + extension(path.getFileName().toString())));
    }
  }

  /** A DuckDB file kept as an object: downloaded, changed, uploaded back with a conditional write. */
  record ObjectFile(String bucket, String key) implements WarehouseLocation {
    public String display() {
      return "s3://" + bucket + "/" + key;
    }

    public String identity() {
      return display();
    }

    public ObjectFile sibling(String name) {
      int slash = key.lastIndexOf('/');
      String directory = slash < 0 ? "" : key.substring(0, slash + 1);
      return new ObjectFile(bucket, directory + name + extension(key.substring(slash + 1)));
    }
  }

  /** A MotherDuck database; its token comes from {@code MOTHERDUCK_TOKEN}, never from the string. */
  record MotherDuck(String database) implements WarehouseLocation {
    public String display() {
      return "md:" + database;
    }

    public String identity() {
      // DuckDB and MotherDuck compare database names without regard to case.
      return "md:" + database.toLowerCase(Locale.ROOT);
    }

    public MotherDuck sibling(String name) {
      return new MotherDuck(name);
    }
  }

  /** MotherDuck database names the worker accepts: plain identifiers, so they never need escaping tricks. */
  Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  Pattern BARE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,62}");

  /** Parses a full connection string; {@code what} names its origin for error messages. */
  static WarehouseLocation parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw WorkerFailure.badInput(what + " is empty: give a DuckDB file path, s3://<bucket>/<key> or md:<database>");
    }
    String value = text.strip();
    if (value.startsWith("md:")) {
      String database = value.substring(3);
      if (!DATABASE_NAME.matcher(database).matches()) {
        throw WorkerFailure.badInput(what + " '" + value + "' does not name a MotherDuck database: use md:<name>, "
            + "a name of letters, digits and underscores (no options after it)");
      }
      return new MotherDuck(database);
    }
    if (value.startsWith("s3://")) {
      String rest = value.substring(5);
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1 || rest.endsWith("/")) {
        throw WorkerFailure.badInput(what + " '" + value + "' is not s3://<bucket>/<key> of a DuckDB file");
      }
      return new ObjectFile(rest.substring(0, slash), rest.substring(slash + 1));
    }
    if (value.contains("://") || value.startsWith("jdbc:")) {
      throw WorkerFailure.badInput(what + " '" + value + "' is not supported: give a DuckDB file path, "
          + "s3://<bucket>/<key> or md:<database>");
    }
    return new LocalFile(Path.of(value).toAbsolutePath().normalize());
  }

  /**
   * Resolves a {@code db} command argument: a full connection string, or a bare name (letters,
   * digits, {@code _}, {@code -}) taken as a sibling of {@code base}.
   */
  static WarehouseLocation resolve(String text, WarehouseLocation base, String what) {
    if (text != null && BARE_NAME.matcher(text.strip()).matches()) {
      return base.sibling(text.strip());
    }
    return parse(text, what);
  }

  /** The warehouse the environment names ({@value #ENV}), by default {@value #DEFAULT} in the working directory. */
  static WarehouseLocation fromEnvironment(java.util.Map<String, String> env) {
    String value = env.get(ENV);
    return parse(value == null || value.isBlank() ? DEFAULT : value, ENV);
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(dot) : ".duckdb";
  }
}
