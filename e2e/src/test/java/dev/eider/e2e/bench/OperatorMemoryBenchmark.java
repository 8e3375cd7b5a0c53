package dev.eider.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The operator's memory with 100 Assets of 100 partitions each (10,000 partitions) and 1,000 Jobs
 * in its cache (every partition made due; 10 run per Asset, the rest queued), against the same
 * process before any Asset exists (the baseline, same run). The process runs as in the chart's pod:
 * the image's JVM options (operator/jvm.options) and the memory its 512 MiB limit gives the JVM
 * (-XX:MaxRAM=512m). Resident memory (VmRSS) is sampled {@link #SAMPLES} times 20 s after the
 * Jobs exist (every Asset has reconciled again); the median is asserted at most {@value #TARGET_MB}
 * MB. The live heap after a full GC, and the classes that hold most of it, are printed beside it.
 * See docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "eider.bench", matches = "true")
class OperatorMemoryBenchmark {

  static final int ASSETS = Integer.getInteger("eider.bench.assets", 100);
  static final int PARTITIONS = Integer.getInteger("eider.bench.partitions", 100);
  static final int SAMPLES = 5;
  static final long TARGET_MB = 300;
  static final String IMAGE = "registry.invalid/bench:1";

  private final TestCluster cluster = TestCluster.get();
  private final KubernetesClient client = cluster.client();

  @Test
  void operatorWith10000PartitionsAnd1000JobsStaysWithinTarget() throws Exception {
    String namespace = cluster.newNamespace("bench-memory");
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace).with("eider.runs.pending-timeout", "1h")
        .with("eider.runs.image-pull-grace", "1h").with("quarkus.log.category.\"dev.eider\".level", "INFO")
        // One replica: an API server too slow to renew the Lease in time (2 shared cores) must not end the measurement.
        .with("eider.leader-election.enabled", "false");
    AssetFixtures assets = new AssetFixtures(client, namespace);
    try (OperatorProcess operator = eider.start()) {
      await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
      long[] idle = sample(operator);

      String keys = IntStream.range(0, PARTITIONS).mapToObj(i -> "\"did:plc:p" + i + "\"").collect(Collectors.joining(", "));
      for (int a = 0; a < ASSETS; a++) {
        assets.create("""
            apiVersion: eider.dev/v1alpha1
            kind: Asset
            metadata: {name: m-%03d}
            spec:
              ingest: {bluesky: {authorFeed: {}}}
              partitions: {static: [%s]}
              worker: {image: "%s"}
            """.formatted(a, keys, IMAGE));
      }
      for (int a = 0; a < ASSETS; a++) {
        client.resources(Asset.class).inNamespace(namespace).withName("m-%03d".formatted(a))
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"eider.dev/materialize\":\"bench\"}}}");
      }
      int jobs = ASSETS * Math.min(PARTITIONS, 10);
      // Counted from a watch: listing 1,000 Jobs every few seconds loads a busy API server.
      try (SharedIndexInformer<Job> seen = client.batch().v1().jobs().inNamespace(namespace).inform()) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).until(() -> seen.getStore().list().size() >= jobs);
      }
      // Settled: every Asset has written its status and queued the rest (queued Assets look again every 30 s).
      await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true);
      long[] loaded = sample(operator);
      OperatorGauges.Histogram histogram = OperatorGauges.histogram(operator, 15);
      long heapAfterGc = histogram.liveBytes() >> 20;

      String line = String.format(Locale.ROOT, "BENCH operator memory, %d Assets x %d partitions, %d Jobs cached: RSS median %d MB"
              + " (target <= %d MB: %s; samples %s), idle baseline RSS median %d MB (samples %s), heap after full GC %d MB,"
              + " peak RSS (VmHWM) %d MB", ASSETS, PARTITIONS, jobs, loaded[loaded.length / 2] >> 20, TARGET_MB,
          (loaded[loaded.length / 2] >> 20) <= TARGET_MB ? "met" : "MISSED", mb(loaded), idle[idle.length / 2] >> 20, mb(idle),
          heapAfterGc, operator.peakResidentBytes() >> 20);
      System.out.println("\n" + line);
      Files.createDirectories(Path.of("target"));
      String top = "live objects by class (top 15):\n  " + String.join("\n  ", histogram.top());
      System.out.println(top);
      Files.writeString(Path.of("target", "memory-benchmark.txt"), line + "\n" + top + "\n");
      assertThat(loaded[loaded.length / 2] >> 20).as(line).isLessThanOrEqualTo(TARGET_MB);
    } finally {
      // Its 1,000 pods would otherwise keep the test kubelet and the API server busy for the next benchmark.
      client.namespaces().withName(namespace).delete();
    }
  }

  /** {@link #SAMPLES} readings of VmRSS a second apart, sorted. */
  private static long[] sample(OperatorProcess operator) throws InterruptedException {
    long[] samples = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      samples[i] = OperatorGauges.residentBytes(operator);
      Thread.sleep(1000);
    }
    java.util.Arrays.sort(samples);
    return samples;
  }

  private static List<Long> mb(long[] bytes) {
    List<Long> values = new ArrayList<>();
    for (long value : bytes) {
      values.add(value >> 20);
    }
    return values;
  }
}
