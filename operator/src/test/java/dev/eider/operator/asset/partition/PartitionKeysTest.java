package dev.eider.operator.asset.partition;

import static dev.eider.operator.asset.AssetSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The partitions an asset has now, and how a branch's partition limit samples them. */
class PartitionKeysTest {

  static final Instant NOW = Instant.parse("2025-01-06T08:00:00Z");
  static final Map<String, List<String>> PUBLISHED = Map.of("pack", List.of("did:plc:a", "did:plc:b", "did:plc:c"));

  @Test
  void unpartitionedAssetHasOneEmptyKey() {
    assertThat(keys("{ingest: {bluesky: {authorFeed: {actor: alice.bsky.social}}}}", OptionalInt.empty())).containsExactly("");
    assertThat(PartitionKeys.isTimeWindowed(spec("{ingest: {bluesky: {authorFeed: {actor: a.bsky.social}}}}"))).isFalse();
  }

  @Test
  void staticKeysKeepTheirOrder() {
    assertThat(keys("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [z, a, m]}}", OptionalInt.empty()))
        .containsExactly("z", "a", "m");
  }

  @Test
  void timeWindowsAreTheEndedWindowsOldestFirst() {
    assertThat(keys(DAILY, OptionalInt.empty())).containsExactly("2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05");
  }

  @Test
  void limitKeepsTheNewestTimeWindows() {
    assertThat(keys(DAILY, OptionalInt.of(2))).containsExactly("2025-01-04", "2025-01-05");
  }

  @Test
  void limitKeepsTheFirstStaticOrDynamicKeys() {
    assertThat(keys("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [z, a, m]}}", OptionalInt.of(2)))
        .containsExactly("z", "a");
    assertThat(keys("{ingest: {bluesky: {authorFeed: {}}}, partitions: {dynamic: {fromAsset: pack}}}", OptionalInt.of(2)))
        .containsExactly("did:plc:a", "did:plc:b");
  }

  @Test
  void limitLargerThanThePartitionsChangesNothing() {
    assertThat(keys(DAILY, OptionalInt.of(50))).hasSize(5);
    assertThat(keys("{ingest: {bluesky: {authorFeed: {}}}, partitions: {dynamic: {fromAsset: pack}}}", OptionalInt.of(3)))
        .hasSize(3);
  }

  @Test
  void dynamicKeysAreWhatTheNamedAssetPublished() {
    assertThat(keys("{ingest: {bluesky: {authorFeed: {}}}, partitions: {dynamic: {fromAsset: pack}}}", OptionalInt.empty()))
        .containsExactly("did:plc:a", "did:plc:b", "did:plc:c");
    assertThat(keys("{ingest: {bluesky: {authorFeed: {}}}, partitions: {dynamic: {fromAsset: other}}}", OptionalInt.empty()))
        .isEmpty();
  }

  static final String DAILY = "{ingest: {bluesky: {authorFeed: {}}}, partitions: {timeWindow: {cron: \"0 0 * * *\", start: \"2025-01-01\"}}}";

  static List<String> keys(String yaml, OptionalInt limit) {
    return PartitionKeys.of(spec(yaml), NOW, asset -> PUBLISHED.getOrDefault(asset, List.of()), limit);
  }
}
