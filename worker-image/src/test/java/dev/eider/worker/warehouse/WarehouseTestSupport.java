package dev.eider.worker.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.testkit.files.TemporaryDirectories;
import dev.eider.testkit.s3.LocalS3;
import dev.eider.worker.WorkerMain;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What warehouse tests share: one in-JVM S3 server, worker runs, and reading tables back. */
public final class WarehouseTestSupport {

  public static final String BUCKET = "eider";
  private static LocalS3 s3;

  private WarehouseTestSupport() {}

  /** The S3 server of this test JVM, started on first use (tests isolate themselves by prefix). */
  public static synchronized LocalS3 s3() {
    if (s3 == null) {
      Path root;
      try {
        root = Files.createTempDirectory("eider-s3-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      s3 = startS3(root, 0);
      // S3Mock leaves its files behind; the benchmark alone stores over 100 MB there.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        s3.close();
        TemporaryDirectories.deleteRecursively(root);
      }));
    }
    return s3;
  }

  /**
   * An S3 server of the caller's own, with {@value #BUCKET}, keeping objects under {@code root}
   * and answering repeated GETs from up to {@code readCacheBytes} of memory ({@link LocalS3#start(Path, List, long)}).
   */
  public static LocalS3 startS3(Path root, long readCacheBytes) {
    // The worker logs through slf4j-simple; S3Mock's Spring Boot would insist on its Logback.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    return LocalS3.start(root, List.of(BUCKET), readCacheBytes);
  }

  /** The environment of a worker using the shared S3 server, a fresh prefix and a warehouse in {@code dir}. */
  public static Map<String, String> environment(Path dir) {
    return environment(dir, s3());
  }

  /** The environment of a worker using {@code server}, a fresh prefix and a warehouse in {@code dir}. */
  public static Map<String, String> environment(Path dir, LocalS3 server) {
    Map<String, String> env = new HashMap<>(server.clientEnvironment());
    env.put("EIDER_BUCKET", BUCKET);
    env.put("EIDER_PREFIX", "t-" + UUID.randomUUID());
    env.put("EIDER_WAREHOUSE", dir.resolve("warehouse.duckdb").toString());
    env.put(TerminationMessage.PATH_ENV, dir.resolve("termination-log").toString());
    return env;
  }

  public static ObjectStore store(Map<String, String> env) {
    return ObjectStore.open(StorageConfig.fromEnvironment(env));
  }

  public static int run(Map<String, String> env, String... args) {
    return WorkerMain.run(env, args);
  }

  public static JsonNode termination(Map<String, String> env) {
    try {
      return new ObjectMapper().readTree(Files.readString(Path.of(env.get(TerminationMessage.PATH_ENV))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Query results as "a | b | c" lines; values as DuckDB prints them (cast to VARCHAR in the query). */
  public static List<String> rows(Path database, String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database)) {
      return rows(connection, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** A copy of the packaged SQL project in {@code dir}, to change for one test ({@code EIDER_SQL_DIR}). */
  public static Path copyOfSqlProject(Path dir) throws IOException {
    Path source;
    try {
      source = Path.of(WarehouseTestSupport.class.getClassLoader().getResource("sql/sources.yaml").toURI()).getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Path target = dir.resolve("sql");
    Files.createDirectories(target.resolve("models"));
    try (var files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
    return target;
  }
}
