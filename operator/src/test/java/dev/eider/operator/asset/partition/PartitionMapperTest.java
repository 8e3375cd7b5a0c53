package dev.eider.operator.asset.partition;

import static dev.eider.operator.asset.AssetSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.api.asset.DependencySpec.PartitionMapping;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which upstream partitions a downstream partition reads. */
class PartitionMapperTest {

  static final AssetSpec UNPARTITIONED = spec("{transform: {models: [t]}}");
  static final AssetSpec STATIC = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {static: [a, b]}}");
  static final AssetSpec DYNAMIC = spec("{ingest: {bluesky: {authorFeed: {}}}, partitions: {dynamic: {fromAsset: pack}}}");
  static final AssetSpec DAILY = spec("{transform: {models: [t]}, partitions: {timeWindow: {cron: \"0 0 * * *\", start: \"2025-01-01\"}}}");
  static final List<String> DAYS = List.of("2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04");

  @Test
  void declaredMappingWins() {
    assertThat(PartitionMapper.effective(dep("latest"), STATIC, STATIC)).isEqualTo(PartitionMapping.LATEST);
  }

  @Test
  void alikePartitionedAssetsDefaultToIdentity() {
    assertThat(PartitionMapper.effective(dep(null), STATIC, STATIC)).isEqualTo(PartitionMapping.IDENTITY);
    assertThat(PartitionMapper.effective(dep(null), DYNAMIC, DYNAMIC)).isEqualTo(PartitionMapping.IDENTITY);
    assertThat(PartitionMapper.effective(dep(null), DAILY, DAILY)).isEqualTo(PartitionMapping.IDENTITY);
  }

  @Test
  void otherwiseTheDefaultIsAll() {
    assertThat(PartitionMapper.effective(dep(null), UNPARTITIONED, STATIC)).isEqualTo(PartitionMapping.ALL);
    assertThat(PartitionMapper.effective(dep(null), STATIC, UNPARTITIONED)).isEqualTo(PartitionMapping.ALL);
    assertThat(PartitionMapper.effective(dep(null), DAILY, STATIC)).isEqualTo(PartitionMapping.ALL);
    assertThat(PartitionMapper.effective(dep(null), DYNAMIC, STATIC)).isEqualTo(PartitionMapping.ALL);
  }

  @Test
  void identityReadsTheSameKeyWhenTheUpstreamHasIt() {
    assertThat(upstreamKeys(PartitionMapping.IDENTITY, dep(null), "b", STATIC, List.of("a", "b"))).containsExactly("b");
    assertThat(upstreamKeys(PartitionMapping.IDENTITY, dep(null), "c", STATIC, List.of("a", "b"))).isEmpty();
    assertThat(PartitionMapper.incomplete(PartitionMapping.IDENTITY, dep(null), List.of())).isTrue();
  }

  @Test
  void allReadsEveryUpstreamKey() {
    assertThat(upstreamKeys(PartitionMapping.ALL, dep(null), "", STATIC, List.of("a", "b"))).containsExactly("a", "b");
    assertThat(PartitionMapper.incomplete(PartitionMapping.ALL, dep(null), List.of())).isTrue();
  }

  @Test
  void latestReadsTheLastUpstreamKey() {
    assertThat(upstreamKeys(PartitionMapping.LATEST, dep(null), "", DAILY, DAYS)).containsExactly("2025-01-04");
    assertThat(upstreamKeys(PartitionMapping.LATEST, dep(null), "", DAILY, List.of())).isEmpty();
  }

  @Test
  void timeWindowWithoutOffsetsReadsTheSameWindow() {
    DependencySpec dep = dep("timeWindow");

    assertThat(upstreamKeys(PartitionMapping.TIME_WINDOW, dep, "2025-01-03", DAILY, DAYS)).containsExactly("2025-01-03");
    assertThat(PartitionMapper.incomplete(PartitionMapping.TIME_WINDOW, dep, List.of("2025-01-03"))).isFalse();
  }

  @Test
  void timeWindowOffsetsReadARangeOfWindows() {
    DependencySpec dep = windowDep(-2, 0);

    assertThat(upstreamKeys(PartitionMapping.TIME_WINDOW, dep, "2025-01-04", DAILY, DAYS))
        .containsExactly("2025-01-02", "2025-01-03", "2025-01-04");
  }

  @Test
  void timeWindowRangeReachingOutsideTheUpstreamIsIncomplete() {
    DependencySpec before = windowDep(-1, 0);
    DependencySpec after = windowDep(0, 1);

    List<String> first = upstreamKeys(PartitionMapping.TIME_WINDOW, before, "2025-01-01", DAILY, DAYS);
    List<String> last = upstreamKeys(PartitionMapping.TIME_WINDOW, after, "2025-01-04", DAILY, DAYS);

    assertThat(first).containsExactly("2025-01-01");
    assertThat(PartitionMapper.incomplete(PartitionMapping.TIME_WINDOW, before, first)).isTrue();
    assertThat(last).containsExactly("2025-01-04");
    assertThat(PartitionMapper.incomplete(PartitionMapping.TIME_WINDOW, after, last)).isTrue();
  }

  @Test
  void timeWindowOfAnUpstreamWithoutTimeWindowsReadsNothing() {
    assertThat(upstreamKeys(PartitionMapping.TIME_WINDOW, dep("timeWindow"), "2025-01-01", STATIC, List.of("a"))).isEmpty();
  }

  static List<String> upstreamKeys(PartitionMapping mapping, DependencySpec dep, String key, AssetSpec upstream, List<String> keys) {
    return PartitionMapper.upstreamKeys(mapping, dep, key, upstream, keys, new HashSet<>(keys));
  }

  static DependencySpec dep(String mapping) {
    return spec("{transform: {models: [t]}, deps: [{asset: up" + (mapping == null ? "" : ", partitionMapping: " + mapping) + "}]}")
        .getDeps().get(0);
  }

  static DependencySpec windowDep(int start, int end) {
    DependencySpec dep = dep("timeWindow");
    DependencySpec.WindowOffsets window = new DependencySpec.WindowOffsets();
    window.setStartOffset(start);
    window.setEndOffset(end);
    dep.setWindow(window);
    return dep;
  }
}
