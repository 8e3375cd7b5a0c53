package dev.eider.operator.asset.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

  private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

  private static RunRecord run(String job, String log) {
    return new RunRecord(job, List.of("2026-12-05"), 1, 1, "SCHEDULE", T0, T0.plusSeconds(42), "SUCCEEDED",
        null, 0, "wrote 3 rows", log);
  }

  @Test
  void keepsTheNewestFirstAndDropsTheOldestBeyondTheLimit() {
    RunHistory history = RunHistory.empty();
    for (int i = 1; i <= 30; i++) {
      history = history.with(run("job-" + i, "log " + i));
    }
    assertThat(history.runs()).hasSize(20);
    assertThat(history.runs().get(0).job()).isEqualTo("job-30");
    assertThat(history.runs().get(19).job()).isEqualTo("job-11");
    assertThat(history.contains("job-10")).isFalse();
    assertThat(history.contains("job-11")).isTrue();
  }

  @Test
  void aRecordOfTheSameJobReplacesTheOlderOne() {
    RunHistory history = RunHistory.empty().with(run("a", "first")).with(run("b", "x")).with(run("a", "second"));
    assertThat(history.runs()).extracting(RunRecord::job).containsExactly("a", "b");
    assertThat(history.runs().get(0).logTail()).isEqualTo("second");
  }

  @Test
  void roundTripsThroughConfigMapData() {
    RunRecord failed = new RunRecord("sales-x1", List.of("k1", "k2"), 2, 3, "MANUAL", null,
        T0, "PERMANENT", "IMAGE_PULL", null, "image not found", null);
    Map<String, String> data = RunHistory.empty().with(run("ok", "line\n")).with(failed).toData();
    assertThat(data).containsOnlyKeys("runs.json");
    assertThat(data.get("runs.json")).contains("\"finishedAt\":\"2026-12-06T08:00:00Z\"").doesNotContain("logTail\":null");
    RunHistory read = RunHistory.fromData(data, "sales-runs");
    assertThat(read.runs()).containsExactly(failed, run("ok", "line\n"));
  }

  @Test
  void boundsEveryTextField() {
    String log = IntStream.range(0, 5000).mapToObj(i -> "line " + i).reduce((a, b) -> a + "\n" + b).orElseThrow();
    RunRecord huge = new RunRecord("j", IntStream.range(0, 100).mapToObj(i -> "p" + i).toList(), 100, 1, null,
        T0, T0, "RETRYABLE", null, 1, "m".repeat(5000), log);
    RunRecord kept = RunHistory.empty().with(huge).runs().get(0);
    assertThat(kept.partitions()).hasSize(20).startsWith("p0").endsWith("p19");
    assertThat(kept.partitionCount()).isEqualTo(100);
    assertThat(kept.message()).hasSize(1024).endsWith("…");
    assertThat(kept.logTail().length()).isBetween(8 * 1024 - 600, 8 * 1024);
    assertThat(kept.logTail()).startsWith("[").contains("earlier characters not kept]\nline ").endsWith("\nline 4999");
    int dropped = Integer.parseInt(kept.logTail().substring(1, kept.logTail().indexOf(' ')));
    assertThat(log.substring(dropped)).isEqualTo(kept.logTail().substring(kept.logTail().indexOf('\n') + 1));
  }

  @Test
  void aFullHistoryStaysUnderHalfAConfigMap() {
    RunHistory history = RunHistory.empty();
    for (int i = 0; i < 40; i++) {
      history = history.with(new RunRecord("job-" + "x".repeat(300) + i, List.of("k".repeat(400)), 1, 1, "MANUAL",
          T0, T0, "RETRYABLE", "DEADLINE", 1, "é".repeat(2000), "é\n".repeat(20_000)));
    }
    int bytes = history.toData().get("runs.json").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertThat(bytes).isBetween(300_000, 512 * 1024);
  }

  @Test
  void unreadableDataNamesTheConfigMap() {
    assertThatThrownBy(() -> RunHistory.fromData(Map.of("runs.json", "{not json"), "sales-runs"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sales-runs").hasMessageContaining("runs.json");
    assertThat(RunHistory.fromData(null, "x").runs()).isEmpty();
    assertThat(RunHistory.fromData(Map.of(), "x").runs()).isEmpty();
  }

  @Test
  void configMapNameIsTheAssetsNameWithRuns() {
    assertThat(RunHistoryStore.configMapName("latest-feed")).isEqualTo("latest-feed-runs");
  }
}
