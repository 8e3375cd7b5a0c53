package dev.eider.operator.asset.run;

import dev.eider.operator.asset.sql.ModelSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.AssetSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** The worker command line of one partition's run. */
class WorkerArgsTest {

  static final String PACK = "at://did:plc:lc5jzrr425fyah724df3z5ik/app.bsky.graph.starterpack/3l7cddlz5ja24";

  @Test
  void starterPackPartitionIsItsUri() {
    AssetSpec spec = spec("{ingest: {bluesky: {starterPack: {}}}, partitions: {static: [\"" + PACK + "\"]}}");

    assertThat(WorkerArgs.of("starter-pack-snapshot", spec, PACK)).containsExactly(
        "ingest", "starter-pack", "--uri", PACK, "--asset", "starter-pack-snapshot", "--partition", PACK);
  }

  @Test
  void fixedStarterPackUriWinsOverThePartition() {
    AssetSpec spec = spec("{ingest: {bluesky: {starterPack: {uri: \"" + PACK + "\"}}}}");

    assertThat(WorkerArgs.of("pack", spec, "")).containsExactly("ingest", "starter-pack", "--uri", PACK, "--asset", "pack");
  }

  @Test
  void authorFeedPartitionIsTheActorWithFilterAndModeAsTheApiSpellsThem() {
    AssetSpec spec = spec("{ingest: {bluesky: {authorFeed: {filter: posts_with_replies, mode: incremental}}}, partitions: {dynamic: {fromAsset: pack}}}");

    assertThat(WorkerArgs.of("feeds", spec, "did:plc:abc")).containsExactly("ingest", "author-feed", "--actor", "did:plc:abc",
        "--filter", "posts_with_replies", "--mode", "incremental", "--asset", "feeds", "--partition", "did:plc:abc");
  }

  @Test
  void unpartitionedAuthorFeedReadsItsFixedActor() {
    AssetSpec spec = spec("{ingest: {bluesky: {authorFeed: {actor: alice.bsky.social}}}}");

    assertThat(WorkerArgs.of("alice", spec, "")).containsExactly("ingest", "author-feed", "--actor", "alice.bsky.social", "--asset", "alice");
  }

  @Test
  void transformWithChecksRunsThemAfterBuilding() {
    AssetSpec spec = spec("{transform: {models: [latest_feed, all_profiles]}, checks: [{name: has_posts, type: rowCount, min: 1}]}");

    assertThat(WorkerArgs.of("latest-feed", spec, "")).containsExactly(
        "transform", "--models", "latest_feed,all_profiles", "--check-asset", "latest-feed");
  }

  @Test
  void transformWithoutChecksOnlyBuilds() {
    AssetSpec spec = spec("{transform: {models: [calendar]}}");

    assertThat(WorkerArgs.of("calendar", spec, "")).containsExactly("transform", "--models", "calendar");
  }

  @Test
  void inlineAndConfigMapSqlRunTheResolvedModels() {
    AssetSpec spec = spec("{transform: {sql: \"select 1\"}}");

    // Unresolved, there is nothing to run: TransformModels names the models (and validates them) first.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkerArgs.of("daily-posts", spec, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its resolved models");
    ModelSet inline = new ModelSet(java.util.List.of("daily_posts"), "daily_posts", "select 1", null, new dev.eider.operator.asset.sql.CodeVersion("0000000000000001", new java.util.TreeMap<>()));
    assertThat(WorkerArgs.of("daily-posts", spec, "", inline)).containsExactly("transform", "--models", "daily_posts");
  }

  @Test
  void aReportRendersItsKindWithItsOutputAndTitle() {
    assertThat(WorkerArgs.of("dashboard", spec("{report: {kind: dashboard}}"), "")).containsExactly("report", "dashboard");
    assertThat(WorkerArgs.of("dashboard", spec("{report: {kind: dashboard, output: _reports/daily.html, title: \"Data people\"}}"), ""))
        .containsExactly("report", "dashboard", "--output", "_reports/daily.html", "--title", "Data people");
  }

  @Test
  void aDataDiffComparesEachTableByItsKeyAgainstTheBase() {
    assertThat(WorkerArgs.of("data-diff", spec("{report: {kind: dataDiff, base: \"s3://lake/eider/warehouse/eider.duckdb\", "
        + "tables: [{name: top_domains, key: [domain]}, {name: member_stats, key: [did, day]}, {name: calendar}]}}"), ""))
        .containsExactly("diff", "--base", "s3://lake/eider/warehouse/eider.duckdb", "--table", "top_domains:domain",
            "--table", "member_stats:did,day", "--table", "calendar");
    assertThat(WorkerArgs.of("data-diff", spec("{report: {kind: dataDiff, base: prod, tables: [{name: t}], "
        + "output: _reports/pr-7.md, title: \"PR 7\"}}"), ""))
        .containsExactly("diff", "--base", "prod", "--table", "t", "--report", "_reports/pr-7.md", "--title", "PR 7");
  }

  static AssetSpec spec(String yaml) {
    return Serialization.unmarshal("---\n" + yaml, AssetSpec.class);
  }
}
