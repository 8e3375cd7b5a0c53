package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.WarehouseLocation.LocalFile;
import dev.eider.worker.warehouse.WarehouseLocation.MotherDuck;
import dev.eider.worker.warehouse.WarehouseLocation.ObjectFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarehouseLocationTest {

  @Test
  void threeKindsOfConnectionString() {
    assertThat(WarehouseLocation.parse("md:bluesky", "x")).isEqualTo(new MotherDuck("bluesky"));
    assertThat(WarehouseLocation.parse("s3://lake/warehouse/bluesky.duckdb", "x"))
        .isEqualTo(new ObjectFile("lake", "warehouse/bluesky.duckdb"));
    assertThat(WarehouseLocation.parse("/data/../data/bluesky.duckdb", "x"))
        .isEqualTo(new LocalFile(Path.of("/data/bluesky.duckdb")));
    assertThat(WarehouseLocation.fromEnvironment(Map.of()))
        .isEqualTo(new LocalFile(Path.of("eider.duckdb").toAbsolutePath()));
  }

  @Test
  void bareNamesAreSiblingsOfTheBaseOfTheSameKind() {
    assertThat(WarehouseLocation.resolve("bluesky_br_x", new MotherDuck("bluesky"), "x")).isEqualTo(new MotherDuck("bluesky_br_x"));
    assertThat(WarehouseLocation.resolve("br-x", new ObjectFile("lake", "warehouse/bluesky.duckdb"), "x"))
        .isEqualTo(new ObjectFile("lake", "warehouse/br-x.duckdb"));
    assertThat(WarehouseLocation.resolve("br", new ObjectFile("lake", "prod.db"), "x")).isEqualTo(new ObjectFile("lake", "br.db"));
    assertThat(WarehouseLocation.resolve("br", new LocalFile(Path.of("/data/prod.duckdb")), "x"))
        .isEqualTo(new LocalFile(Path.of("/data/br.duckdb")));
    // A full string is taken as it is, whatever the base.
    assertThat(WarehouseLocation.resolve("md:other", new LocalFile(Path.of("/data/prod.duckdb")), "x"))
        .isEqualTo(new MotherDuck("other"));
  }

  @Test
  void identityComparesTheDatabaseNotTheSpelling() {
    assertThat(new MotherDuck("BlueSky").identity()).isEqualTo(new MotherDuck("bluesky").identity());
    assertThat(WarehouseLocation.parse("/data/x/../prod.duckdb", "x").identity())
        .isEqualTo(WarehouseLocation.parse("/data/prod.duckdb", "x").identity());
  }

  @Test
  void badConnectionStringsAreBadInput() {
    for (String bad : new String[] {"md:", "md:my db", "md:db?attach_mode=single", "s3://bucket", "s3://bucket/", "s3:///key",
        "http://host/db.duckdb", "jdbc:duckdb:x", " "}) {
      assertThatThrownBy(() -> WarehouseLocation.parse(bad, "EIDER_WAREHOUSE"))
          .as(bad).isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
          .hasMessageStartingWith("EIDER_WAREHOUSE");
    }
  }
}
