package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.testkit.bluesky.FakeBluesky;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two halves of the worker together, as the sample's Jobs run them: the starter pack, each
 * member's feed, then every model and the sample's checks on what was ingested.
 */
class SamplePipelineTest {

  @TempDir Path dir;

  @Test
  void ingestedDataFlowsIntoEveryMart() throws Exception {
    try (IngestFixture fixture = new IngestFixture(FakeBluesky.builder().members(5).feedLength(80).start(), dir)) {
      Map<String, String> env = fixture.env("prod");
      Path warehouse = dir.resolve("warehouse.duckdb");
      env.put("EIDER_WAREHOUSE", warehouse.toString());

      IngestFixture.Run pack = fixture.run(env, "ingest", "starter-pack", "--uri", fixture.bluesky.dataset().starterPack().uri());
      assertThat(pack.exitCode()).isEqualTo(ExitCodes.OK);
      for (var did : pack.result().path("partitions")) {
        assertThat(fixture.run(env, "ingest", "author-feed", "--actor", did.asText(), "--mode", "incremental").exitCode())
            .isEqualTo(ExitCodes.OK);
      }
      IngestFixture.Run transform = fixture.run(env, "transform", "--models", "all");
      assertThat(transform.exitCode()).as(transform.result().toString()).isEqualTo(ExitCodes.OK);
      IngestFixture.Run checks = fixture.run(env, "check", "--asset", "all-profiles");
      assertThat(checks.exitCode()).as(checks.result().toString()).isEqualTo(ExitCodes.OK);

      try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
           Statement sql = db.createStatement()) {
        assertThat(count(sql, "all_profiles")).isEqualTo(5);
        assertThat(count(sql, "latest_feed")).isPositive();
        assertThat(count(sql, "select uri from latest_feed group by uri having count(*) > 1")).isZero();
        assertThat(count(sql, "top_daily_posts")).isPositive();
        assertThat(count(sql, "top_external_links")).isPositive();
        assertThat(count(sql, "activity_over_time")).isPositive();
        assertThat(count(sql, "calendar")).isPositive();
      }
    }
  }

  private static long count(Statement sql, String tableOrQuery) throws Exception {
    String query = tableOrQuery.startsWith("select") ? "select count(*) from (" + tableOrQuery + ")" : "select count(*) from " + tableOrQuery;
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
