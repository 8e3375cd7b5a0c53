package dev.eider.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * One Asset of hourly time windows, in a fresh operator process per case: start in 1970 (about
 * 490,000 windows, the newest 100,000 tracked), start 99,990 hours ago (as many windows, all
 * tracked: the baseline of the same count), and start a year ago (8,760, a control). For each: the
 * reconciles until the Asset's status shows its windows (the first walk), then {@link #ROUNDS}
 * reconciles triggered one at a time, each timed by the operator's own reconcile timer (median),
 * and the heap after a full GC. Asserts the 1970 case's median reconcile and heap are within
 * {@value #TARGET} times the 99,990-hour case's: the cost depends on the windows tracked, not on
 * how long ago {@code start} is. See docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "eider.bench", matches = "true")
class TimeWindowsBenchmark {

  static final int ROUNDS = Integer.getInteger("eider.bench.rounds", 10);
  static final double TARGET = 1.5;

  private final TestCluster cluster = TestCluster.get();
  private final KubernetesClient client = cluster.client();

  record Result(String name, String start, long partitions, String tracked, double firstSeconds, long firstReconciles,
                double medianMillis, List<Double> millis, long heapMb, long rssMb) {
    String line() {
      return String.format(Locale.ROOT, "%s (start %s): %,d partitions, AllWindowsTracked=%s; until status: %d reconciles, %.2f s;"
              + " then median reconcile %.1f ms %s; heap after full GC %d MB, RSS %d MB", name, start, partitions, tracked,
          firstReconciles, firstSeconds, medianMillis, millis, heapMb, rssMb);
    }
  }

  @Test
  void reconcileCostDoesNotDependOnHowLongAgoStartIs() throws Exception {
    LocalDateTime hour = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("since 1970", "1970-01-01T00:00");
    cases.put("99,990 hours", hour.minusHours(99_990).toString());
    cases.put("one year", hour.minusHours(8_760).toString());
    List<Result> results = new ArrayList<>();
    for (Map.Entry<String, String> entry : cases.entrySet()) {
      results.add(measure(entry.getKey(), entry.getValue()));
      System.out.println(results.get(results.size() - 1).line());
    }
    Result since1970 = results.get(0);
    Result sameCount = results.get(1);
    double timeRatio = since1970.medianMillis() / sameCount.medianMillis();
    double heapRatio = (double) since1970.heapMb() / sameCount.heapMb();
    StringBuilder report = new StringBuilder();
    results.forEach(result -> report.append(result.line()).append('\n'));
    report.append(String.format(Locale.ROOT, "BENCH 100,000 hourly windows, start 1970 vs start 99,990 hours ago: median reconcile"
            + " %.1f ms vs %.1f ms, ratio %.2f; heap after GC %d MB vs %d MB, ratio %.2f (target <= %.2f each: %s)%n",
        since1970.medianMillis(), sameCount.medianMillis(), timeRatio, since1970.heapMb(), sameCount.heapMb(), heapRatio, TARGET,
        timeRatio <= TARGET && heapRatio <= TARGET ? "met" : "MISSED"));
    System.out.print("\n" + report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "windows-benchmark.txt"), report.toString());

    assertThat(since1970.partitions()).isEqualTo(100_000);
    assertThat(since1970.tracked()).isEqualTo("False");
    assertThat(sameCount.partitions()).isBetween(99_990L, 99_991L);
    assertThat(sameCount.tracked()).isEqualTo("True");
    assertThat(timeRatio).as(report.toString()).isLessThanOrEqualTo(TARGET);
    assertThat(heapRatio).as(report.toString()).isLessThanOrEqualTo(TARGET);
  }

  private Result measure(String name, String start) throws Exception {
    String namespace = cluster.newNamespace("bench-windows");
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace).with("quarkus.log.category.\"dev.eider\".level", "INFO");
    AssetFixtures assets = new AssetFixtures(client, namespace);
    try (OperatorProcess operator = eider.start()) {
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: hourly}
          spec:
            ingest: {bluesky: {authorFeed: {actor: "did:plc:bench"}}}
            partitions: {timeWindow: {cron: "0 * * * *", start: "%s"}}
          """.formatted(start));
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
        Asset asset = assets.get("hourly");
        return asset.getStatus() != null && asset.getStatus().getPartitions() != null;
      });
      awaitQuiet(operator);
      long firstReconciles = (long) OperatorGauges.reconcileCount(operator);
      double firstSeconds = OperatorGauges.reconcileSeconds(operator);
      Asset asset = assets.get("hourly");
      String tracked = asset.getStatus().getConditions().stream().filter(c -> c.getType().equals("AllWindowsTracked"))
          .map(c -> c.getStatus()).findFirst().orElse("absent");

      List<Double> millis = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        double count = OperatorGauges.reconcileCount(operator);
        double seconds = OperatorGauges.reconcileSeconds(operator);
        client.resources(Asset.class).inNamespace(namespace).withName("hourly").patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"bench.eider.dev/touch\":\"" + round + "\"}}}");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> OperatorGauges.reconcileCount(operator) > count);
        awaitQuiet(operator);
        millis.add(1000 * (OperatorGauges.reconcileSeconds(operator) - seconds) / (OperatorGauges.reconcileCount(operator) - count));
      }
      List<Double> sorted = new ArrayList<>(millis);
      sorted.sort(null);
      long heap = OperatorGauges.histogram(operator, 0).liveBytes() >> 20;
      long rss = OperatorGauges.residentBytes(operator) >> 20;
      return new Result(name, start, asset.getStatus().getPartitions().getTotal(), tracked, firstSeconds, firstReconciles,
          sorted.get(sorted.size() / 2), millis.stream().map(value -> Math.round(value * 10) / 10.0).toList(), heap, rss);
    } finally {
      client.namespaces().withName(namespace).delete();
    }
  }

  /** Until the reconcile count has not moved for a second. */
  private static void awaitQuiet(OperatorProcess operator) {
    double[] last = {-1};
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      double now = OperatorGauges.reconcileCount(operator);
      boolean quiet = now == last[0];
      last[0] = now;
      return quiet;
    });
  }
}
