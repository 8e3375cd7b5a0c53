package dev.eider.operator.warehouse;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A warehouse connection string as the worker reads it (its {@code WarehouseLocation}): a DuckDB file
 * path, {@code s3://<bucket>/<key>} of a DuckDB file, or {@code md:<database>} on MotherDuck. The
 * operator needs the same reading to name a staging database next to production and to be sure it
 * is not production; the worker checks again before it writes (EIDER_PROTECTED_DATABASES).
 *
 * @param kind which of the three
 * @param display the connection string in canonical form (no secrets are ever in it)
 * @param container the directory (files), {@code s3://bucket/dir/} (objects), empty (MotherDuck)
 * @param stem the file or object name without extension, or the MotherDuck database
 * @param extension the file's extension with its dot ({@code .duckdb} when it had none), empty on MotherDuck
 */
public record DatabaseLocation(Kind kind, String display, String container, String stem, String extension) {

  /** Where the database lives. */
  public enum Kind { FILE, OBJECT, MOTHERDUCK }

  /** MotherDuck database names the worker accepts. */
  static final Pattern MOTHERDUCK_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  /** A bare name means the database of that name next to a base location, as in the worker. */
  static final Pattern BARE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,62}");
  static final int MOTHERDUCK_NAME_MAX = 63;
  /** File and object names stay far below every file system's and store's limit. */
  static final int FILE_NAME_MAX = 200;

  /** Parses a full connection string, or explains why it is not one. */
  public static Optional<DatabaseLocation> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.strip();
    if (value.startsWith("md:")) {
      String database = value.substring(3);
      return MOTHERDUCK_NAME.matcher(database).matches()
          ? Optional.of(new DatabaseLocation(Kind.MOTHERDUCK, "md:" + database, "", database, ""))
          : Optional.empty();
    }
    if (value.startsWith("s3://")) {
      String rest = value.substring(5);
      int slash = rest.indexOf('/');
      if (slash <= 0 || rest.endsWith("/")) {
        return Optional.empty();
      }
      int last = rest.lastIndexOf('/');
      return Optional.of(file(Kind.OBJECT, "s3://" + rest.substring(0, last + 1), rest.substring(last + 1)));
    }
    if (value.contains("://") || value.startsWith("jdbc:") || value.endsWith("/")) {
      return Optional.empty();
    }
    String path = Path.of(value).normalize().toString();
    int last = path.lastIndexOf('/');
    return Optional.of(file(Kind.FILE, path.substring(0, last + 1), path.substring(last + 1)));
  }

  /** A full connection string, or a bare name taken as the database of that name next to {@code base}. */
  public static Optional<DatabaseLocation> resolve(String text, DatabaseLocation base) {
    if (text != null && BARE_NAME.matcher(text.strip()).matches()) {
      return Optional.of(base.sibling(text.strip()));
    }
    return parse(text);
  }

  private static DatabaseLocation file(Kind kind, String container, String fileName) {
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    String extension = dot > 0 ? fileName.substring(dot) : ".duckdb";
    return new DatabaseLocation(kind, container + fileName, container, stem, extension);
  }

  /** The database called {@code name} next to this one, of the same kind. */
  public DatabaseLocation sibling(String name) {
    return kind == Kind.MOTHERDUCK
        ? new DatabaseLocation(kind, "md:" + name, "", name, "")
        : new DatabaseLocation(kind, container + name + extension, container, name, extension);
  }

  /** The longest name a sibling may have. */
  public int nameMax() {
    return kind == Kind.MOTHERDUCK ? MOTHERDUCK_NAME_MAX : FILE_NAME_MAX - extension.length();
  }

  /** Canonical form: two strings naming the same database have the same identity (MotherDuck ignores case). */
  public String identity() {
    return kind == Kind.MOTHERDUCK ? "md:" + stem.toLowerCase(Locale.ROOT) : display;
  }
}
