package dev.eider.worker.warehouse;

import dev.eider.worker.warehouse.WarehouseLocation.LocalFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Run by {@link DuckDbResourcesTest} in a JVM of its own (HOME and java.io.tmpdir chosen by the
 * test): opens a warehouse as the worker does and makes DuckDB use its home (an INSTALL, which
 * fails offline after creating the extension directory).
 */
public final class DuckDbHomeProbe {

  private DuckDbHomeProbe() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Warehouse warehouse = Warehouses.open(new LocalFile(Path.of(args[0])), Map.of());
         WarehouseSession session = warehouse.open(false);
         Statement statement = session.connection().createStatement()) {
      statement.execute("CREATE TABLE t AS SELECT 1 AS x");
      try {
        statement.execute("INSTALL httpfs");
      } catch (SQLException offline) {
        System.out.println("install: " + offline.getMessage().lines().findFirst().orElse(""));
      }
      try (var files = Files.list(tmp)) {
        System.out.println("native library in tmp: " + files.anyMatch(f -> f.getFileName().toString().startsWith("libduckdb")));
      }
      session.publish();
    }
  }
}
