package dev.eider.worker.warehouse;

import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.run.WorkerFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Models that come with the run rather than the worker image: the files of a directory (a ConfigMap
 * the operator mounts, each key {@code <model>.sql} a model) and one inline model (the Asset's
 * {@code spec.transform.sql}, passed in two variables). They join the image's project, replacing a
 * shipped model of the same name. Sizes are bounded here too: what a ConfigMap and an environment
 * variable can hold, so a hostile directory cannot make the worker read without end.
 */
public final class SuppliedModels {

  public static final String DIR_ENV = WorkerEnv.MODELS_DIR;
  public static final String INLINE_NAME_ENV = WorkerEnv.INLINE_MODEL;
  public static final String INLINE_SQL_ENV = WorkerEnv.INLINE_SQL;
  /** A ConfigMap holds at most 1 MiB; the directory is one. */
  static final long MAX_DIR_BYTES = 1L << 20;
  /** The Asset's CRD allows 64 KiB of inline SQL; one variable of Linux may hold 128 KiB. */
  static final int MAX_INLINE_CHARS = 64 * 1024;
  /** As many models as {@code spec.transform.models} may name. */
  static final int MAX_MODELS = 100;
  static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Map<String, String> models;
  private final String origin;

  private SuppliedModels(Map<String, String> models, String origin) {
    this.models = Collections.unmodifiableMap(models);
    this.origin = origin;
  }

  /** The models {@value #DIR_ENV} and {@value #INLINE_NAME_ENV} give, or none. */
  public static SuppliedModels fromEnvironment(Map<String, String> env) {
    Map<String, String> models = new TreeMap<>();
    StringBuilder origin = new StringBuilder();
    String dir = env.get(DIR_ENV);
    if (dir != null && !dir.isBlank()) {
      models.putAll(readDirectory(Path.of(dir)));
      origin.append(DIR_ENV).append('=').append(dir);
    }
    String name = env.get(INLINE_NAME_ENV);
    String sql = env.get(INLINE_SQL_ENV);
    if ((name == null || name.isBlank()) != (sql == null)) {
      throw WorkerFailure.badInput(INLINE_NAME_ENV + " and " + INLINE_SQL_ENV + " go together: set both or neither");
    }
    if (sql != null) {
      if (!NAME.matcher(name).matches()) {
        throw WorkerFailure.badInput(INLINE_NAME_ENV + "='" + shown(name) + "' is not a model name (lower-case letters, digits "
            + "and underscores, starting with a letter or underscore, at most 63)");
      }
      if (sql.length() > MAX_INLINE_CHARS) {
        throw WorkerFailure.badInput("inline model " + name + " has " + sql.length() + " characters, more than the "
            + MAX_INLINE_CHARS + " allowed");
      }
      if (models.put(name, sql) != null) {
        throw WorkerFailure.badInput("inline model " + name + " is also a file of " + DIR_ENV + "=" + dir);
      }
      origin.append(origin.length() == 0 ? "" : " and ").append("the inline model ").append(name);
    }
    return new SuppliedModels(models, origin.toString());
  }

  static SuppliedModels of(Map<String, String> models, String origin) {
    return new SuppliedModels(new TreeMap<>(models), origin);
  }

  /**
   * Every {@code <model>.sql} file of {@code dir} (hidden entries, such as a ConfigMap volume's
   * {@code ..data}, and other names are not models). A name that is not a model's is refused: a
   * model the user meant to supply would otherwise silently not exist.
   */
  private static Map<String, String> readDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw WorkerFailure.badInput(DIR_ENV + "=" + dir + " is not a directory");
    }
    Map<String, String> models = new TreeMap<>();
    long total = 0;
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path file : (Iterable<Path>) entries.sorted()::iterator) {
        String fileName = file.getFileName().toString();
        if (fileName.startsWith(".") || !fileName.endsWith(".sql") || !Files.isRegularFile(file)) {
          continue;
        }
        String name = fileName.substring(0, fileName.length() - 4);
        if (!NAME.matcher(name).matches()) {
          throw WorkerFailure.badInput("model file " + shown(fileName) + " (" + DIR_ENV + "): a model name is lower-case letters, "
              + "digits and underscores, starting with a letter or underscore, at most 63");
        }
        if (models.size() == MAX_MODELS) {
          throw WorkerFailure.badInput(DIR_ENV + "=" + dir + " holds more than " + MAX_MODELS + " models");
        }
        long size = Files.size(file);
        total += size;
        if (total > MAX_DIR_BYTES) {
          throw WorkerFailure.badInput(DIR_ENV + "=" + dir + " holds more than " + MAX_DIR_BYTES + " bytes of SQL (a ConfigMap's limit)");
        }
        models.put(name, utf8(Files.readAllBytes(file), fileName));
      }
    } catch (IOException e) {
      throw WorkerFailure.badInput("cannot read the models of " + DIR_ENV + "=" + dir + ": " + e.getMessage());
    }
    return models;
  }

  private static String utf8(byte[] bytes, String fileName) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw WorkerFailure.badInput("model file " + fileName + " (" + DIR_ENV + ") is not UTF-8 text");
    }
  }

  private static String shown(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** Model name to its SQL, sorted by name. */
  public Map<String, String> models() {
    return models;
  }

  /** Where they came from, for messages. */
  public String origin() {
    return origin;
  }

  public boolean isEmpty() {
    return models.isEmpty();
  }
}
