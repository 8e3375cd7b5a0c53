package dev.eider.operator.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.platform.TestEiderConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which warehouses worker pods can reach, and the one line that says what to set when they cannot. */
class ProductionWarehouseTest {

  final TestEiderConfig config = new TestEiderConfig();

  @Test
  void unsetMeansADuckDbFileInTheBucketNextToTheRawData() {
    assertThat(ProductionWarehouse.of(config)).isEqualTo(new ProductionWarehouse("s3://eider/raw/warehouse/eider.duckdb", Optional.empty()));
    config.storage.bucket = "lake";
    config.storage.prefix = "/prod/raw/";
    assertThat(ProductionWarehouse.of(config).connection()).isEqualTo("s3://lake/prod/raw/warehouse/eider.duckdb");
    assertThat(ProductionWarehouse.problem(config)).isEmpty();
  }

  @Test
  void objectsAndMotherDuckNeedNoVolume() {
    for (String connection : new String[] {"s3://lake/wh/prod.duckdb", "md:bluesky"}) {
      config.warehouse.connection = Optional.of(connection);
      assertThat(ProductionWarehouse.problem(config)).as(connection).isEmpty();
      assertThat(ProductionWarehouse.of(config)).isEqualTo(new ProductionWarehouse(connection, Optional.empty()));
    }
  }

  @Test
  void aFilePathIsMountedFromItsClaimAtItsDirectory() {
    config.warehouse.connection = Optional.of("/var/lib/eider/eider.duckdb");
    config.warehouse.volumeClaim = Optional.of("eider-warehouse");

    assertThat(ProductionWarehouse.problem(config)).isEmpty();
    assertThat(ProductionWarehouse.of(config).volume())
        .contains(new ProductionWarehouse.WarehouseVolume("eider-warehouse", "/var/lib/eider"));
  }

  @Test
  void aFilePathWithoutAClaimIsRefusedWithWhatToSet() {
    config.warehouse.connection = Optional.of("/var/lib/eider/eider.duckdb");

    assertThat(ProductionWarehouse.problem(config)).contains("eider.warehouse.connection is the file path /var/lib/eider/eider.duckdb,"
        + " which worker pods do not share: set eider.warehouse.volume-claim to a PersistentVolumeClaim to mount at /var/lib/eider,"
        + " or use s3://<bucket>/<key>.duckdb or md:<database> (unset: s3://eider/raw/warehouse/eider.duckdb)");
  }

  @Test
  void aRelativePathOrOneAtTheRootIsRefused() {
    config.warehouse.volumeClaim = Optional.of("eider-warehouse");
    config.warehouse.connection = Optional.of("eider.duckdb");
    assertThat(ProductionWarehouse.problem(config)).contains("eider.warehouse.connection eider.duckdb must be an absolute path below"
        + " a directory (e.g. /var/lib/eider/eider.duckdb): that directory is where eider.warehouse.volume-claim is mounted");
    config.warehouse.connection = Optional.of("/eider.duckdb");
    assertThat(ProductionWarehouse.problem(config)).hasValueSatisfying(problem -> problem.startsWith("eider.warehouse.connection /eider.duckdb must"));
  }

  @Test
  void aClaimWithoutAFilePathIsRefused() {
    config.warehouse.volumeClaim = Optional.of("eider-warehouse");

    assertThat(ProductionWarehouse.problem(config)).contains("eider.warehouse.volume-claim (eider-warehouse) is only for a DuckDB"
        + " file path, but eider.warehouse.connection is s3://eider/raw/warehouse/eider.duckdb: unset eider.warehouse.volume-claim");
  }

  @Test
  void somethingElseIsRefused() {
    config.warehouse.connection = Optional.of("jdbc:postgresql://db/eider");

    assertThat(ProductionWarehouse.problem(config)).contains("eider.warehouse.connection 'jdbc:postgresql://db/eider' is not"
        + " s3://<bucket>/<key>.duckdb, md:<database> or an absolute DuckDB file path; set it to one of these, or leave it unset"
        + " for a DuckDB file in the bucket");
  }
}
