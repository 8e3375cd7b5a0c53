package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.worker.warehouse.WarehouseLocation.LocalFile;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileWarehouseTest {

  @TempDir Path dir;

  @Test
  void aFailedFirstRunLeavesNoFileBehind() throws Exception {
    Path file = dir.resolve("new/warehouse.duckdb");
    try (Warehouse warehouse = Warehouses.open(new LocalFile(file), java.util.Map.of());
         WarehouseSession session = warehouse.open(false);
         Statement statement = session.connection().createStatement()) {
      statement.execute("CREATE TABLE t AS SELECT 1 AS x");
      // no publish: the run failed
    }
    assertThat(file).doesNotExist();
    assertThat(DuckDb.walOf(file)).doesNotExist();
  }

  @Test
  void checksOpenTheFileReadOnly() throws Exception {
    Path file = dir.resolve("warehouse.duckdb");
    try (Warehouse warehouse = Warehouses.open(new LocalFile(file), java.util.Map.of())) {
      try (WarehouseSession session = warehouse.open(false); Statement statement = session.connection().createStatement()) {
        statement.execute("CREATE TABLE t AS SELECT 1 AS x");
        session.publish();
      }
      try (WarehouseSession session = warehouse.open(true); Statement statement = session.connection().createStatement()) {
        assertThat(WarehouseTestSupport.rows(session.connection(), "SELECT x FROM t")).containsExactly("1");
        assertThatThrownBy(() -> statement.execute("DROP TABLE t")).isInstanceOf(SQLException.class)
            .hasMessageContaining("read-only");
      }
    }
    assertThat(WarehouseTestSupport.rows(file, "SELECT x FROM t")).containsExactly("1");
  }
}
