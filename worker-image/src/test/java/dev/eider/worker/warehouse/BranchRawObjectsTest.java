package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.BlueskyItems.post;
import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.rows;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.storage.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch's transform reads its own raw objects for the ingestion assets it ran (EIDER_OWN_RAW_ASSETS,
 * under EIDER_PREFIX) and production's for the rest (EIDER_RAW_PREFIX); the rows its staging database
 * was cloned with leave a raw table the branch now reads from its own prefix.
 */
class BranchRawObjectsTest {

  static final String BRANCH_POST = "at://did:plc:alice/app.bsky.feed.post/branch1";

  @TempDir Path dir;

  @Test
  void aBranchReadsItsOwnObjectsForTheAssetsItRanAndProductionsForTheRest() throws Exception {
    Map<String, String> production = environment(dir);
    String prod = production.get("EIDER_PREFIX");
    try (ObjectStore store = store(production)) {
      SampleFixture.write(store, prod);
      assertThat(run(production, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
      Path warehouse = Path.of(production.get("EIDER_WAREHOUSE"));
      assertThat(rows(warehouse, "SELECT (SELECT count(*) FROM raw_feed_items), (SELECT count(*) FROM raw_list_items)"))
          .containsExactly("25 | 6");

      // The branch ran actor-feed-snapshot itself: one object, two posts, under its own prefix.
      String branchPrefix = "branches/feature-x";
      SampleFixture.put(store, branchPrefix, SampleFixture.FEED_ASSET, "2026-11-26", "did:plc:alice", "20261126T060000Z-b1b1b1b1",
          List.of(post(BRANCH_POST, SampleFixture.ALICE, "Only in the branch", "2026-11-26T05:00:00.000Z", "2026-11-26T05:00:00.000Z")
              .item(), post(SampleFixture.P9, SampleFixture.ALICE, "Day two", "2026-11-25T05:00:00.000Z",
              "2026-11-25T05:00:00.000Z").item()));

      // A branch that ran no ingestion: production's objects for every raw table, as cloned.
      Map<String, String> none = branch(production, dir.resolve("none.duckdb"), branchPrefix, "");
      Files.copy(warehouse, Path.of(none.get("EIDER_WAREHOUSE")));
      assertThat(run(none, "transform", "--models", "latest_feed,all_profiles")).isEqualTo(ExitCodes.OK);
      assertThat(rows(Path.of(none.get("EIDER_WAREHOUSE")), "SELECT (SELECT count(*) FROM raw_feed_items), "
          + "(SELECT count(*) FROM raw_list_items), (SELECT count(*) FROM latest_feed WHERE uri = '" + BRANCH_POST + "')"))
          .containsExactly("25 | 6 | 0");

      // The branch that ran the feed: its own feed objects only; the starter pack still production's.
      Map<String, String> ran = branch(production, dir.resolve("ran.duckdb"), branchPrefix, "actor-feed-snapshot");
      Files.copy(warehouse, Path.of(ran.get("EIDER_WAREHOUSE")));
      assertThat(run(ran, "transform", "--models", "latest_feed,all_profiles")).isEqualTo(ExitCodes.OK);
      Path branched = Path.of(ran.get("EIDER_WAREHOUSE"));
      assertThat(rows(branched, "SELECT count(*), count(*) FILTER (WHERE starts_with(_object_key, '" + branchPrefix + "/')) "
          + "FROM raw_feed_items")).containsExactly("2 | 2");
      assertThat(rows(branched, "SELECT count(*), count(*) FILTER (WHERE starts_with(_object_key, '" + prod + "/')) "
          + "FROM raw_list_items")).containsExactly("6 | 6");
      assertThat(rows(branched, "SELECT count(*) FROM _eider_raw_objects WHERE raw_table = 'raw_feed_items'")).containsExactly("1");
      assertThat(rows(branched, "SELECT uri FROM latest_feed ORDER BY uri")).containsExactly(BRANCH_POST, SampleFixture.P9);
      // Production's warehouse is untouched.
      assertThat(rows(warehouse, "SELECT count(*) FROM raw_feed_items")).containsExactly("25");
    }
  }

  private static Map<String, String> branch(Map<String, String> production, Path warehouse, String prefix, String ownAssets) {
    Map<String, String> env = new HashMap<>(production);
    env.put("EIDER_WAREHOUSE", warehouse.toString());
    env.put("EIDER_RAW_PREFIX", production.get("EIDER_PREFIX"));
    env.put("EIDER_PREFIX", prefix);
    env.put(RawPrefixes.OWN_ENV, ownAssets);
    return env;
  }
}
