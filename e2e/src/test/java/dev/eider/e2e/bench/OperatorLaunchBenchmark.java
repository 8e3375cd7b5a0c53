package dev.eider.e2e.bench;

import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * 1,000 partitions across 100 Assets made due at once (one annotation each): the time until all
 * 1,000 Jobs exist, against a bare client creating 1,000 such Jobs one by one on the same API server
 * in the same run; the operator's peak memory; API requests per reconcile, counted by the API server.
 * The Jobs' image is not runnable, so no pod does work that would skew either side.
 */
@EnabledIfSystemProperty(named = "eider.bench", matches = "true")
class OperatorLaunchBenchmark {

  static final int ASSETS = Integer.getInteger("eider.bench.assets", 100);
  static final int PARTITIONS = Integer.getInteger("eider.bench.partitions", 10);
  static final String IMAGE = "registry.invalid/bench:1";
  static final Pattern REQUESTS = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$", Pattern.MULTILINE);

  private final TestCluster cluster = TestCluster.get();

  @Test
  void operatorLaunchesAgainstABareClient() throws InterruptedException {
    KubernetesClient client = cluster.client();
    int jobs = ASSETS * PARTITIONS;

    String bareNamespace = cluster.newNamespace("bench-bare");
    long bareStart = System.nanoTime();
    for (int i = 0; i < jobs; i++) {
      client.resource(job(bareNamespace, "bare-" + i)).create();
    }
    long bareMillis = (System.nanoTime() - bareStart) / 1_000_000;

    String namespace = cluster.newNamespace("bench-operator");
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace).with("eider.runs.pending-timeout", "1h")
        .with("quarkus.log.category.\"dev.eider\".level", "INFO");
    AssetFixtures assets = new AssetFixtures(client, namespace);
    String keys = IntStream.range(0, PARTITIONS).mapToObj(i -> "\"did:plc:p" + i + "\"").collect(Collectors.joining(", "));
    for (int a = 0; a < ASSETS; a++) {
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: asset-%03d}
          spec:
            ingest: {bluesky: {authorFeed: {}}}
            partitions: {static: [%s]}
            worker: {image: "%s"}
          """.formatted(a, keys, IMAGE));
    }
    try (OperatorProcess operator = eider.start()) {
      await().atMost(Duration.ofMinutes(2)).until(() -> reconciles(operator) >= ASSETS);
      Map<String, Double> requestsBefore = operatorRequests(client);
      double reconcilesBefore = reconciles(operator);

      // Counting from a watch, not by listing 1,000 Jobs over and over, which would load the API server.
      AtomicInteger created = new AtomicInteger();
      CountDownLatch allCreated = new CountDownLatch(1);
      long operatorMillis;
      try (var watch = client.batch().v1().jobs().inNamespace(namespace).inform(new ResourceEventHandler<Job>() {
        @Override
        public void onAdd(Job job) {
          if (created.incrementAndGet() == jobs) {
            allCreated.countDown();
          }
        }

        @Override
        public void onUpdate(Job oldJob, Job newJob) {}

        @Override
        public void onDelete(Job job, boolean deletedFinalStateUnknown) {}
      })) {
        long start = System.nanoTime();
        // Made due at once: the 100 annotations go out in parallel (a JSON merge patch each).
        IntStream.range(0, ASSETS).parallel().forEach(a -> client.resources(Asset.class).inNamespace(namespace)
            .withName("asset-%03d".formatted(a))
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"eider.dev/materialize\":\"bench\"}}}"));
        if (!allCreated.await(10, TimeUnit.MINUTES)) {
          throw new IllegalStateException("only " + created.get() + " of " + jobs + " Jobs after 10 minutes");
        }
        operatorMillis = (System.nanoTime() - start) / 1_000_000;
      }
      // Let the status updates and Events of this round land before counting.
      await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);

      Map<String, Double> requestsAfter = operatorRequests(client);
      double reconcileCount = reconciles(operator) - reconcilesBefore;
      Map<String, Double> delta = new TreeMap<>();
      requestsAfter.forEach((key, value) -> {
        double diff = value - requestsBefore.getOrDefault(key, 0.0);
        if (diff > 0) {
          delta.put(key, diff);
        }
      });
      double requests = delta.values().stream().mapToDouble(Double::doubleValue).sum();
      System.out.printf("%n== Operator launch benchmark: %d Assets x %d partitions = %d Jobs%n", ASSETS, PARTITIONS, jobs);
      System.out.printf("bare client, %d sequential creates: %d ms%n", jobs, bareMillis);
      System.out.printf("operator, annotations to all Jobs existing: %d ms (ratio %.2f, target <= 1.5)%n", operatorMillis,
          (double) operatorMillis / bareMillis);
      System.out.printf("operator peak RSS (VmHWM): %d MiB%n", operator.peakResidentBytes() >> 20);
      System.out.printf("reconciles: %.0f; API requests by kind (excluding the %d annotations): %s%n", reconcileCount, ASSETS, delta);
      System.out.printf("API requests per reconcile: %.2f (%.2f per Job)%n", (requests - ASSETS) / reconcileCount,
          (requests - ASSETS) / jobs);
    }
  }

  private static Job job(String namespace, String name) {
    return new JobBuilder().withNewMetadata().withName(name).withNamespace(namespace).addToLabels("bench", "bare").endMetadata()
        .withNewSpec().withBackoffLimit(0).withTtlSecondsAfterFinished(600)
          .withNewTemplate().withNewSpec().withRestartPolicy("Never").withAutomountServiceAccountToken(false)
            .addNewContainer().withName("worker").withImage(IMAGE).withArgs("ingest", "author-feed").endContainer()
          .endSpec().endTemplate()
        .endSpec().build();
  }

  private static double reconciles(OperatorProcess operator) {
    Matcher count = Pattern.compile("^eider_asset_reconcile_seconds_count(\\{[^}]*})? ([0-9.e+]+)$", Pattern.MULTILINE)
        .matcher(operator.metrics());
    return count.find() ? Double.parseDouble(count.group(2)) : 0;
  }

  /**
   * Requests the operator makes, from the API server's own counter: the resources only the
   * operator writes (Assets and their status, ConfigMaps, events.k8s.io Events, Job creates).
   */
  private static Map<String, Double> operatorRequests(KubernetesClient client) {
    String metrics = client.raw("/metrics");
    Map<String, Double> counts = new TreeMap<>();
    Matcher line = REQUESTS.matcher(metrics);
    while (line.find()) {
      String labels = line.group(1);
      String resource = label(labels, "resource");
      String group = label(labels, "group");
      String verb = label(labels, "verb");
      boolean operators = "eider.dev".equals(group) || "configmaps".equals(resource) || "events.k8s.io".equals(group)
          || "jobs".equals(resource) && "POST".equals(verb);
      if (operators && !"WATCH".equals(verb) && !"LIST".equals(verb)) {
        counts.merge(resource + ":" + verb, Double.parseDouble(line.group(2)), Double::sum);
      }
    }
    return counts;
  }

  private static String label(String labels, String name) {
    Matcher value = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
    return value.find() ? value.group(1) : "";
  }
}
