package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.RunningOperator;
import dev.eider.e2e.support.PrometheusScrape;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * What a data team alerts on, scraped from the running operator's {@code /q/metrics} after real
 * runs: runs by outcome and reason, the start delay of a retry, freshness and partitions per asset,
 * reconcile errors and leadership.
 */
class OperatorMetricsTest {

  private static final Pattern METRIC = Pattern.compile("\\beider_[a-z_]+");

  /** The operator for a new namespace, started before and stopped after each test. */
  @RegisterExtension
  final RunningOperator running = RunningOperator.perTest("metrics");

  private final TestCluster cluster = TestCluster.get();
  private String namespace;
  private OperatorProcess operator;
  private AssetFixtures assets;
  private Path ledger;

  @BeforeEach
  void useOperator() {
    namespace = running.namespace();
    operator = running.process();
    assets = running.assets();
    ledger = running.dir().resolve("ledger");
  }

  @Test
  void runsFreshnessAndPartitionsAreExportedPerAsset() {
    // Checks run after transforms only. Fails once (the worker's exit 3), is retried after 1 s and materializes.
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: flaky}
        spec:
          transform: {models: [latest_feed]}
          automation: {onMissing: true}
          retry: {maxAttempts: 3, backoff: {initial: 1s, jitter: 0}}
          checks:
            - {name: recent, type: freshness, column: indexed_at, maxAge: 1h, severity: warn}
          worker:
            env:
              - {name: FAKE_LEDGER, value: "%s"}
              - {name: FAKE_FAIL_TIMES, value: "1"}
              - {name: FAKE_CHECKS, value: '[{"name":"recent","passed":true,"severity":"warn"}]'}
        """.formatted(ledger));
    // Never runs (no automation): its freshness check is breached from the start.
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: idle}
        spec:
          transform: {models: [latest_feed]}
          checks:
            - {name: recent, type: freshness, column: indexed_at, maxAge: 2h}
        """);
    assets.awaitCondition("flaky", "Ready", "True", Duration.ofSeconds(90));
    assets.awaitCondition("idle", "Fresh", "False", Duration.ofSeconds(30));
    Asset flaky = assets.get("flaky");

    Instant before = Instant.now();
    PrometheusScrape scrape = PrometheusScrape.parse(operator.metrics());
    Instant after = Instant.now();

    Map<String, String> flakyLabels = Map.of("namespace", namespace, "asset", "flaky");
    assertThat(scrape.value("eider_runs_launched_total", flakyLabels)).contains(2.0);
    assertThat(scrape.value("eider_runs_finished_total", with(flakyLabels, "outcome", "retryable", "reason", "WorkerFailed"))).contains(1.0);
    assertThat(scrape.value("eider_runs_finished_total", with(flakyLabels, "outcome", "succeeded", "reason", "Materialized"))).contains(1.0);
    assertThat(scrape.samples("eider_runs_finished_total")).filteredOn(sample -> sample.labels().get("asset").equals("flaky"))
        .hasSize(2);
    // The first run (missing) has no recorded due moment; the retry's is its backoff's end.
    assertThat(scrape.value("eider_run_start_delay_seconds_count", with(flakyLabels, "trigger", "retry"))).contains(1.0);
    assertThat(scrape.samples("eider_run_start_delay_seconds_count")).extracting(sample -> sample.labels().get("trigger"))
        .containsOnly("retry");
    assertThat(scrape.value("eider_asset_partitions", with(flakyLabels, "state", "materialized"))).contains(1.0);
    assertThat(scrape.value("eider_asset_partitions", with(flakyLabels, "state", "missing"))).contains(0.0);
    assertThat(scrape.value("eider_asset_partitions", with(flakyLabels, "state", "failed"))).contains(0.0);
    assertThat(scrape.value("eider_asset_stale", flakyLabels)).contains(0.0);
    assertThat(scrape.value("eider_asset_freshness_max_age_seconds", flakyLabels)).contains(3600.0);
    Instant finishedAt = Instant.parse(flaky.getStatus().getLastMaterialization().getFinishedAt());
    // The age is taken at scrape time: between the two clock readings around the scrape (finishedAt has whole seconds).
    assertThat(scrape.value("eider_asset_materialization_age_seconds", flakyLabels)).get(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
        .isBetween(Duration.between(finishedAt, before).toMillis() / 1000.0 - 1, Duration.between(finishedAt, after).toMillis() / 1000.0 + 1);

    Map<String, String> idleLabels = Map.of("namespace", namespace, "asset", "idle");
    assertThat(scrape.value("eider_asset_stale", idleLabels)).contains(1.0);
    assertThat(scrape.value("eider_asset_freshness_max_age_seconds", idleLabels)).contains(7200.0);
    assertThat(scrape.value("eider_asset_partitions", with(idleLabels, "state", "missing"))).contains(1.0);
    assertThat(scrape.value("eider_asset_materialization_age_seconds", idleLabels)).isEmpty();
    assertThat(scrape.value("eider_runs_launched_total", idleLabels)).isEmpty();

    assertReconcileErrorsAreCountedAndTransient();
    assertThat(scrape.value("eider_leader", Map.of())).contains(1.0);

    // The chart's alerts and dashboard name only metrics this operator exports.
    Set<String> used = chartMetricNames();
    assertThat(used).contains("eider_asset_stale", "eider_leader", "eider_runs_finished_total", "eider_run_start_delay_seconds_bucket",
        "eider_reconcile_errors_total", "eider_asset_partitions");
    assertThat(scrape.names()).containsAll(used);
  }

  /**
   * Normal runs fail no reconcile of ours, but the API server may close a pooled connection under a request
   * (fabric8's Vert.x client does not retry that: fabric8io/kubernetes-client#7450). The operator's client now
   * sends such a request again (StaleConnectionRetry, 3 attempts), so only a request that met a closed connection
   * every time fails its reconcile; JOSDK retries it and the counter must say so. So: the counter equals the asset
   * reconciles the operator logged as failed, and each of those is such a connection fault, never an error of the
   * operator's own.
   */
  private void assertReconcileErrorsAreCountedAndTransient() {
    Pattern failedReconcile = failedReconcileIn(namespace);
    // Positive control of the pattern: a line as JOSDK 5.3 wrote it when this happened in CI.
    assertThat(failedReconcile.matcher("10:36:15.892 WARN  [io.ja.op.pr.ev.EventProcessor] (" + namespace + "/flaky) Uncaught error during"
        + " event processing ExecutionScope{resource=ResourceID{name='flaky', namespace='" + namespace + "'}, retryInfo=null, deleteEvent=false,"
        + " isDeleteFinalStateUnknown=false} - but another reconciliation will be attempted because a superseding event has been received or"
        + " another retry attempt is pending.: io.fabric8.kubernetes.client.KubernetesClientException: Connection was closed").results()).hasSize(1);
    // The counter is incremented before JOSDK logs the failure: poll until both agree.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      double counted = PrometheusScrape.parse(operator.metrics()).value("eider_reconcile_errors_total", Map.of("controller", "asset")).orElseThrow();
      List<String> logged = failedReconcile.matcher(operator.log()).results().map(failure -> failure.group(1)).toList();
      assertThat(logged).allSatisfy(error -> assertThat(error).endsWith("KubernetesClientException: Connection was closed"));
      assertThat(counted).isEqualTo(logged.size());
    });
  }

  /** A line JOSDK logs when a reconcile of a resource in the namespace threw; group 1 is the rest of the line. */
  private static Pattern failedReconcileIn(String namespace) {
    return Pattern.compile("Uncaught error during event processing ExecutionScope\\{resource=ResourceID\\{name='[^']+', namespace='"
        + Pattern.quote(namespace) + "'}(.*)");
  }

  /** The eider_* names in the chart's PrometheusRule expressions and its Grafana dashboard's queries. */
  @SuppressWarnings("unchecked")
  private static Set<String> chartMetricNames() {
    String manifests = new Helm(TestCluster.repo().resolve("helm/eider")).template().withName("eider").withNamespace("eider-system")
        .set("metrics.serviceMonitor.enabled", "true").set("metrics.prometheusRule.enabled", "true")
        .set("metrics.grafanaDashboard.enabled", "true").call();
    List<String> queries = new ArrayList<>();
    for (Object document : new Yaml().loadAll(manifests)) {
      if (!(document instanceof Map<?, ?> object)) {
        continue;
      }
      if ("PrometheusRule".equals(object.get("kind"))) {
        for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) object.get("spec")).get("groups")) {
          for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
            queries.add((String) rule.get("expr"));
          }
        }
      }
      if ("ConfigMap".equals(object.get("kind")) && ((Map<String, Object>) object.get("data")).containsKey("eider-overview.json")) {
        // Every string of the dashboard: panel queries and the template variables' label_values().
        queries.add((String) ((Map<String, Object>) object.get("data")).get("eider-overview.json"));
      }
    }
    assertThat(queries).hasSizeGreaterThan(5);
    Set<String> names = new TreeSet<>();
    for (String query : queries) {
      Matcher metric = METRIC.matcher(query);
      while (metric.find()) {
        names.add(metric.group());
      }
    }
    return names;
  }

  private static Map<String, String> with(Map<String, String> labels, String... more) {
    Map<String, String> all = new java.util.HashMap<>(labels);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return all;
  }
}
