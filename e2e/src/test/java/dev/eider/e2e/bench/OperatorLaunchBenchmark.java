package dev.eider.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.PrometheusScrape;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import dev.eider.testkit.bench.Comparison;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * 1,000 partitions across 100 Assets made due at once (one annotation each): the time until all
 * 1,000 Jobs exist, against a bare fabric8 client creating 1,000 such Jobs on the same API server
 * in the same run, at the concurrency the operator reconciles with (JOSDK's 50 threads) and at 8
 * and 16 threads; the bare client's Jobs are the operator's own, renamed. One warm-up round, then
 * {@link #ROUNDS} rounds; each round uses new Assets and new Job names, alternates whether the
 * operator or the bare client goes first, and deletes its Jobs before the next. A quota of no pods
 * in both namespaces keeps the job controller from making pods for them: that is not launch work.
 * Asserts the operator's median is within {@value #TARGET} times the bare client's at the
 * operator's concurrency; prints every figure, the API requests per reconcile the API server
 * counted, and the operator's peak RSS.
 *
 * <p>No Job gets a pod, and the pending timeout is an hour. The bare side is timed until its last
 * create returns; the operator's until a count of its namespace's Jobs, taken every {@link #POLL},
 * reaches 1,000. Each window prints what it cost the cluster ({@link WindowCosts}). See
 * docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "eider.bench", matches = "true")
class OperatorLaunchBenchmark {

  static final int ASSETS = Integer.getInteger("eider.bench.assets", 100);
  static final int PARTITIONS = Integer.getInteger("eider.bench.partitions", 10);
  static final int ROUNDS = Integer.getInteger("eider.bench.rounds", 5);
  /** JOSDK's default reconcile pool (quarkus.operator-sdk.concurrent-reconciliation-threads unset). */
  static final int OPERATOR_THREADS = Integer.getInteger("eider.bench.operator-threads", 50);
  static final int[] BARE_THREADS = {OPERATOR_THREADS, 16, 8};
  static final double TARGET = 1.2;
  static final String IMAGE = "registry.invalid/bench:1";
  /** How often the operator's side counts its Jobs: the most its time can be overstated by. */
  static final Duration POLL = Duration.ofMillis(25);

  private final TestCluster cluster = TestCluster.get();
  private final KubernetesClient client = cluster.client();
  /** An operator Job of the warm-up round, the shape of every Job the bare client creates. */
  private Job template;
  /** A window's length and what it cost ({@link WindowCosts#end()}). */
  private record Timed(long millis, String costs) {}

  @Test
  void operatorLaunchesWithinTargetOfABareClient() throws Exception {
    int jobs = ASSETS * PARTITIONS;
    String bareNamespace = cluster.newNamespace("bench-bare");
    String namespace = cluster.newNamespace("bench-operator");
    for (String side : List.of(bareNamespace, namespace)) {
      // What is measured is the Jobs; the 4,000 pods a round would make are the cluster's work after it,
      // and the same on both sides: a quota of no pods keeps them out (the job controller's refused
      // creates remain, alike on both sides).
      client.resourceQuotas().inNamespace(side).resource(new ResourceQuotaBuilder().withNewMetadata().withName("no-pods").endMetadata()
          .withNewSpec().addToHard("pods", new Quantity("0")).endSpec().build()).create();
    }
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace).with("eider.runs.pending-timeout", "1h")
        .with("eider.runs.image-pull-grace", "1h").with("quarkus.log.category.\"dev.eider\".level", System.getProperty("eider.bench.log-level", "INFO"))
        // One replica: an API server too slow to renew the Lease in time (2 shared cores) must not end the measurement.
        .with("eider.leader-election.enabled", "false");
    AssetFixtures assets = new AssetFixtures(client, namespace);
    Map<Integer, Comparison> byThreads = new TreeMap<>();
    for (int threads : BARE_THREADS) {
      byThreads.put(threads, new Comparison(String.format("launch of %,d Jobs across %d Assets vs bare client at %d threads",
          jobs, ASSETS, threads), "operator", "bare fabric8 client"));
    }
    String requestsLine = "";
    try (OperatorProcess operator = eider.start()) {
      for (int round = 0; round <= ROUNDS; round++) {
        long operatorMillis = 0;
        Map<Integer, Long> bareMillis = new TreeMap<>();
        Map<String, String> windows = new TreeMap<>();
        if (round % 2 == 0) {
          Timed timed = operatorRound(operator, assets, namespace, round, jobs);
          operatorMillis = timed.millis();
          windows.put("operator", timed.costs());
        }
        if (template == null) {
          template = sameShape(client.batch().v1().jobs().inNamespace(namespace).list(new ListOptionsBuilder().withLimit(1L).build())
              .getItems().get(0));
          String account = template.getSpec().getTemplate().getSpec().getServiceAccountName();
          if (account != null) {
            // So that the bare Jobs meet the same admission as the operator's.
            client.serviceAccounts().inNamespace(bareNamespace).resource(new ServiceAccountBuilder().withNewMetadata().withName(account)
                .endMetadata().build()).create();
          }
        }
        for (int threads : BARE_THREADS) {
          WindowCosts window = new WindowCosts(operator.pid());
          bareMillis.put(threads, bareRound(bareNamespace, round, threads, jobs));
          windows.put("bare@" + threads, window.end());
        }
        Map<String, Double> before = operatorRequests();
        double reconcilesBefore = OperatorGauges.reconcileCount(operator);
        if (round % 2 == 1) {
          Timed timed = operatorRound(operator, assets, namespace, round, jobs);
          operatorMillis = timed.millis();
          windows.put("operator", timed.costs());
          requestsLine = requestsPerReconcile(before, reconcilesBefore, operator, jobs);
        }
        System.out.printf("round %d%s: operator %,d ms, bare %s ms%n", round, round == 0 ? " (warm-up)" : "", operatorMillis, bareMillis);
        windows.forEach((side, costs) -> System.out.printf("  %s window: %s%n", side, costs));
        if (round > 0) {
          for (int threads : BARE_THREADS) {
            byThreads.get(threads).add(operatorMillis, bareMillis.get(threads));
          }
        }
        cleanUp(namespace, bareNamespace, round);
      }
      StringBuilder report = new StringBuilder();
      byThreads.values().forEach(comparison -> report.append(comparison.line(TARGET)).append('\n'));
      report.append(String.format("operator peak RSS (VmHWM) %,d MiB; %s%n", operator.peakResidentBytes() >> 20, requestsLine));
      System.out.print("\n" + report);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "launch-benchmark.txt"), report.toString());
      Comparison same = byThreads.get(OPERATOR_THREADS);
      assertThat(same.ratio()).as(same.line(TARGET)).isLessThanOrEqualTo(TARGET);
    }
  }

  /** New Assets for the round, reconciled once; then all made due at once, timed until their Jobs exist. */
  private Timed operatorRound(OperatorProcess operator, AssetFixtures assets, String namespace, int round, int jobs)
      throws InterruptedException {
    String keys = IntStream.range(0, PARTITIONS).mapToObj(i -> "\"did:plc:p" + i + "\"").collect(Collectors.joining(", "));
    double reconciled = OperatorGauges.reconcileCount(operator);
    for (int a = 0; a < ASSETS; a++) {
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: %s}
          spec:
            ingest: {bluesky: {authorFeed: {}}}
            partitions: {static: [%s]}
            worker: {image: "%s"}
          """.formatted(assetName(round, a), keys, IMAGE));
    }
    await().atMost(Duration.ofMinutes(2)).until(() -> OperatorGauges.reconcileCount(operator) >= reconciled + ASSETS);
    // Quiet before the start: the status writes of the first reconciles come back as events.
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);

    ExecutorService patches = Executors.newFixedThreadPool(16);
    try {
      WindowCosts window = new WindowCosts(operator.pid());
      long start = System.nanoTime();
      List<Future<?>> sent = new ArrayList<>();
      for (int a = 0; a < ASSETS; a++) {
        String name = assetName(round, a);
        // resource(...) with the name only: withName(...).patch(...) reads the Asset first, a request
        // per Asset inside the operator's window that is the benchmark's, not the operator's.
        Asset named = new Asset();
        named.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        sent.add(patches.submit(() -> client.resources(Asset.class).inNamespace(namespace).resource(named)
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"eider.dev/materialize\":\"bench\"}}}")));
      }
      for (Future<?> future : sent) {
        future.get();
      }
      // The quota refuses every pod, and the operator fails a run whose pod is refused (deleting its
      // Job) as soon as the Job controller reports it. A measured round has created all its Jobs by
      // then; a cold warm-up may not, and only reaches the count again as retries create new Jobs:
      // it is cut short, its time is not used.
      Duration limit = round == 0 ? Duration.ofMinutes(1) : Duration.ofMinutes(10);
      long deadline = start + limit.toNanos();
      long count;
      while ((count = jobCount(namespace)) < jobs) {
        if (System.nanoTime() > deadline) {
          if (round == 0) {
            break;
          }
          throw new IllegalStateException("only " + count + " of " + jobs + " Jobs after " + limit);
        }
        Thread.sleep(POLL.toMillis());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Timed(millis, window.end());
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      patches.shutdownNow();
    }
  }

  /** {@code jobs} creates from {@code threads} threads, each taking the next name; timed until the last returns. */
  private long bareRound(String namespace, int round, int threads, int jobs) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
            client.resource(bareJob(namespace, "bare-r" + round + "-t" + threads + "-" + i)).create();
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      return (System.nanoTime() - start) / 1_000_000;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The Jobs in the namespace (empty before the round), from a list of one item and the server's
   * count of the rest: a few hundred bytes a poll, where a watch would decode every Job on the test's
   * side and make the API server send them, CPU the operator's window would pay on these 2 cores
   * and the bare client's would not.
   */
  private long jobCount(String namespace) {
    JobList page = client.batch().v1().jobs().inNamespace(namespace).list(new ListOptionsBuilder().withLimit(1L).build());
    Long remaining = page.getMetadata().getRemainingItemCount();
    return page.getItems().size() + (remaining == null ? 0 : remaining);
  }

  /** Deletes the round's Assets (their Jobs go with them) and the bare Jobs, and waits until they are gone. */
  private void cleanUp(String namespace, String bareNamespace, int round) {
    for (int a = 0; a < ASSETS; a++) {
      client.resources(Asset.class).inNamespace(namespace).withName(assetName(round, a)).delete();
    }
    // Deleting thousands of Jobs in one request takes longer than the client's default 10 s on a busy API server.
    try (KubernetesClient patient = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(cluster.controlPlane().config()).withRequestTimeout(300_000).build()).build()) {
      patient.batch().v1().jobs().inNamespace(bareNamespace).withLabel("bench", "bare").delete();
      patient.batch().v1().jobs().inNamespace(namespace).delete();
    }
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() ->
        client.batch().v1().jobs().inNamespace(namespace).list().getItems().isEmpty()
            && client.batch().v1().jobs().inNamespace(bareNamespace).list().getItems().isEmpty());
  }

  private static String assetName(int round, int index) {
    return "r%d-%03d".formatted(round, index);
  }

  private String requestsPerReconcile(Map<String, Double> before, double reconcilesBefore, OperatorProcess operator, int jobs) {
    // Let the status updates and Events of this round land before counting.
    await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
    Map<String, Double> after = operatorRequests();
    double reconcileCount = OperatorGauges.reconcileCount(operator) - reconcilesBefore;
    Map<String, Double> delta = new TreeMap<>();
    after.forEach((key, value) -> {
      double diff = value - before.getOrDefault(key, 0.0);
      if (diff > 0) {
        delta.put(key, diff);
      }
    });
    // Creating the round's Assets and annotating them are the benchmark's own requests.
    double requests = delta.values().stream().mapToDouble(Double::doubleValue).sum() - 2 * ASSETS;
    return String.format("last measured round: %.0f reconciles, %.2f operator API requests per reconcile (%.2f per Job): %s",
        reconcileCount, requests / reconcileCount, requests / jobs, delta);
  }

  /**
   * The bare client creates the Jobs the operator creates, byte for byte but for the name: the API
   * server's cost of a create grows with the object (validation, admission, the etcd write), so a
   * smaller Job would flatter the baseline. The owner reference (to an Asset of another namespace)
   * and the server-set fields are left out.
   */
  private static Job sameShape(Job operatorJob) {
    Job job = Serialization.clone(operatorJob);
    job.setStatus(null);
    job.setMetadata(new ObjectMetaBuilder().withLabels(new HashMap<>(operatorJob.getMetadata().getLabels()))
        .withAnnotations(operatorJob.getMetadata().getAnnotations()).build());
    job.getMetadata().getLabels().put("bench", "bare");
    // The selector and its pod label are set by the API server from the Job's uid.
    job.getSpec().setSelector(null);
    job.getSpec().setManualSelector(null);
    job.getSpec().getTemplate().getMetadata().getLabels().keySet().removeIf(key -> key.contains("controller-uid") || key.equals("job-name"));
    return job;
  }

  private Job bareJob(String namespace, String name) {
    Job job = Serialization.clone(template);
    job.getMetadata().setNamespace(namespace);
    job.getMetadata().setName(name);
    return job;
  }

  /**
   * Requests the operator makes, from the API server's own counter: the resources only the
   * operator writes (Assets and their status, ConfigMaps, events.k8s.io Events, Job creates).
   */
  private Map<String, Double> operatorRequests() {
    return requestCounts(apiServerMetrics(), labels -> {
      String resource = labels.getOrDefault("resource", "");
      String group = labels.getOrDefault("group", "");
      String verb = labels.getOrDefault("verb", "");
      boolean operators = "eider.dev".equals(group) || "configmaps".equals(resource) || "events.k8s.io".equals(group)
          || "jobs".equals(resource) && "POST".equals(verb);
      return operators && !"WATCH".equals(verb) && !"LIST".equals(verb);
    }, labels -> labels.getOrDefault("resource", "") + ":" + labels.getOrDefault("verb", ""));
  }

  /** Every request by resource, subresource and verb, e.g. {@code assets/status:APPLY}. */
  private static Map<String, Double> requestsByKind(PrometheusScrape metrics) {
    return requestCounts(metrics, labels -> true, labels -> {
      String subresource = labels.getOrDefault("subresource", "");
      return labels.getOrDefault("resource", "") + (subresource.isEmpty() ? "" : "/" + subresource) + ":" + labels.getOrDefault("verb", "");
    });
  }

  /** The API server's request counter, summed by {@code key} over the samples {@code counted} takes. */
  private static Map<String, Double> requestCounts(PrometheusScrape metrics, Predicate<Map<String, String>> counted,
                                                   Function<Map<String, String>, String> key) {
    Map<String, Double> counts = new TreeMap<>();
    for (PrometheusScrape.Sample sample : metrics.samples("apiserver_request_total")) {
      if (counted.test(sample.labels())) {
        counts.merge(key.apply(sample.labels()), sample.value(), Double::sum);
      }
    }
    return counts;
  }

  /**
   * The API server's own time for Job creates between two scrapes, per create: compared with the
   * window, it tells the server's share of a create's latency from the client's.
   */
  private static String jobCreateLatency(PrometheusScrape before, PrometheusScrape after) {
    double count = jobCreates(after, "apiserver_request_duration_seconds_count") - jobCreates(before, "apiserver_request_duration_seconds_count");
    double seconds = jobCreates(after, "apiserver_request_duration_seconds_sum") - jobCreates(before, "apiserver_request_duration_seconds_sum");
    return count == 0 ? "none" : String.format("%.0f ms (%.0f creates)", 1000 * seconds / count, count);
  }

  private static double jobCreates(PrometheusScrape metrics, String name) {
    return metrics.samples(name).stream()
        .filter(sample -> "jobs".equals(sample.labels().get("resource")) && "POST".equals(sample.labels().get("verb")))
        .mapToDouble(PrometheusScrape.Sample::value).sum();
  }

  /**
   * What one timed window cost the cluster, from its start to {@link #end()}: the API server's own
   * mean time per Job create, each process's CPU, and the API requests by resource and verb (all
   * clients; kinds under 20 requests left out). One scrape of the API server's metrics at each end.
   */
  private final class WindowCosts {
    private final PrometheusScrape before = apiServerMetrics();
    private final ProcessCpu cpu;

    WindowCosts(long operatorPid) {
      cpu = ProcessCpu.start(operatorPid);
    }

    String end() {
      Map<String, String> cpuSeconds = cpu.secondsSinceStart();
      PrometheusScrape after = apiServerMetrics();
      Map<String, Double> requestsBefore = requestsByKind(before);
      Map<String, Long> made = new TreeMap<>();
      requestsByKind(after).forEach((kind, count) -> {
        long delta = Math.round(count - requestsBefore.getOrDefault(kind, 0.0));
        if (delta >= 20) {
          made.put(kind, delta);
        }
      });
      return String.format("API server %s a Job create; CPU seconds %s; requests %s", jobCreateLatency(before, after), cpuSeconds, made);
    }
  }

  private PrometheusScrape apiServerMetrics() {
    return PrometheusScrape.parse(client.raw("/metrics"));
  }
}
