package dev.eider.operator.branch.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.warehouse.DatabaseLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The staging database sits next to production, is never production, and never a protected database. */
class StagingDatabaseTest {

  final BranchNames names = BranchNames.of("feature/top-links");
  final String suffix = "_br_feature_top_links_" + names.hash();

  @Test
  void aDuckDbFileGetsASiblingFile() {
    StagingDatabase.Target target = target("/var/lib/eider/prod.duckdb", List.of());
    assertThat(target.staging().display()).isEqualTo("/var/lib/eider/prod" + suffix + ".duckdb");
    assertThat(target.production().display()).isEqualTo("/var/lib/eider/prod.duckdb");
    assertThat(target.protectedList()).isEqualTo("/var/lib/eider/prod.duckdb");
  }

  @Test
  void aMotherDuckDatabaseGetsASiblingDatabaseWithinItsNameLimit() {
    assertThat(target("md:prod", List.of()).staging().display()).isEqualTo("md:prod" + suffix);
    String longName = "md:" + "a".repeat(60);
    String staging = target(longName, List.of()).staging().display();
    assertThat(staging.substring(3)).hasSize(63).matches("[A-Za-z_][A-Za-z0-9_]{0,62}").endsWith("_br_" + names.hash());
  }

  @Test
  void anObjectGetsASiblingKey() {
    assertThat(target("s3://bucket/k/prod.duckdb", List.of()).staging().display())
        .isEqualTo("s3://bucket/k/prod" + suffix + ".duckdb");
    assertThat(target("s3://bucket/prod.duckdb", List.of()).staging().display()).isEqualTo("s3://bucket/prod" + suffix + ".duckdb");
  }

  @Test
  void relativeAndExtensionlessFilesKeepTheirDirectory() {
    assertThat(target("prod.duckdb", List.of()).staging().display()).isEqualTo("prod" + suffix + ".duckdb");
    assertThat(target("/data/./x/../prod", List.of()).staging().display()).isEqualTo("/data/prod" + suffix + ".duckdb");
  }

  @Test
  void hostileBranchesStillGiveMotherDuckIdentifiers() {
    for (String branch : List.of("../../etc", "日本語", "x".repeat(255), "a b;DROP DATABASE prod", "md:prod")) {
      DatabaseLocation staging = ((StagingDatabase.Target) StagingDatabase.decide("md:prod", List.of(), BranchNames.of(branch))).staging();
      assertThat(staging.stem()).as(branch).matches("[A-Za-z_][A-Za-z0-9_]{0,62}");
      DatabaseLocation file = ((StagingDatabase.Target) StagingDatabase.decide("/x/prod.duckdb", List.of(), BranchNames.of(branch))).staging();
      assertThat(file.container()).as(branch).isEqualTo("/x/");
      assertThat(file.display()).as(branch).matches("/x/prod_br_[a-z0-9_]+\\.duckdb");
    }
  }

  @Test
  void aProtectedDatabaseIsNeverTheStagingDatabase() {
    String staging = "prod" + suffix;
    assertThat(StagingDatabase.decide("/x/prod.duckdb", List.of(staging), names))
        .isEqualTo(new StagingDatabase.Refused(StagingDatabase.PRODUCTION_TARGET,
            "the staging database /x/" + staging + ".duckdb would be a protected database; a branch never writes to production"));
    assertThat(StagingDatabase.decide("/x/prod.duckdb", List.of("/x/./" + staging + ".duckdb"), names))
        .isInstanceOf(StagingDatabase.Refused.class);
    // MotherDuck compares names without regard to case.
    assertThat(StagingDatabase.decide("md:prod", List.of("md:PROD" + suffix.toUpperCase()), names))
        .isInstanceOf(StagingDatabase.Refused.class);
  }

  @Test
  void stagingThatWouldBeProductionIsRefusedAsProductionTarget() {
    DatabaseLocation production = DatabaseLocation.parse("md:prod").orElseThrow();
    StagingDatabase.Decision decision = StagingDatabase.check(DatabaseLocation.parse("md:PROD").orElseThrow(), production,
        java.util.Set.of(production.identity()), List.of("md:prod"));
    assertThat(decision).isEqualTo(new StagingDatabase.Refused(StagingDatabase.PRODUCTION_TARGET,
        "the staging database md:PROD would be the production database; a branch never writes to production"));
  }

  @Test
  void otherProtectedDatabasesAreNamedToTheWorkerAsFullLocations() {
    StagingDatabase.Target target = target("/x/prod.duckdb", List.of("archive", "/y/other.duckdb", "archive", " "));
    assertThat(target.protectedDatabases()).containsExactly("/x/prod.duckdb", "/x/archive.duckdb", "/y/other.duckdb");
  }

  @Test
  void anUnreadableWarehouseIsRefused() {
    for (String production : List.of("", "jdbc:postgresql://db/prod", "http://example.com/x.duckdb", "md:bad name", "s3://bucket/", "/x/")) {
      assertThat(StagingDatabase.decide(production, List.of(), names)).as(production)
          .isInstanceOfSatisfying(StagingDatabase.Refused.class,
              refused -> assertThat(refused.reason()).isEqualTo(StagingDatabase.UNSUPPORTED_WAREHOUSE));
    }
    assertThat(StagingDatabase.decide("md:prod", List.of("jdbc:x"), names)).isInstanceOf(StagingDatabase.Refused.class);
  }

  @Test
  void onlyAnUnprotectedStagingDatabaseMayBeDropped() {
    String staging = "/x/prod" + suffix + ".duckdb";
    assertThat(StagingDatabase.refuseDrop(staging, "/x/prod.duckdb", List.of())).isEmpty();
    assertThat(StagingDatabase.refuseDrop("/x/prod.duckdb", "/x/prod.duckdb", List.of())).get()
        .extracting(StagingDatabase.Refused::reason).isEqualTo(StagingDatabase.PRODUCTION_TARGET);
    assertThat(StagingDatabase.refuseDrop("/x/./prod.duckdb", "/x/prod.duckdb", List.of())).isPresent();
    assertThat(StagingDatabase.refuseDrop(staging, "/x/prod.duckdb", List.of("prod" + suffix))).isPresent();
    assertThat(StagingDatabase.refuseDrop("md:Prod", "md:prod", List.of())).isPresent();
    assertThat(StagingDatabase.refuseDrop("jdbc:x", "md:prod", List.of())).isPresent();
  }

  private StagingDatabase.Target target(String production, List<String> protectedDatabases) {
    StagingDatabase.Decision decision = StagingDatabase.decide(production, protectedDatabases, names);
    assertThat(decision).isInstanceOf(StagingDatabase.Target.class);
    return (StagingDatabase.Target) decision;
  }
}
