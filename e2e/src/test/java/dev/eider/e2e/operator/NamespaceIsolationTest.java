package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.e2e.local.LocalCluster;
import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.RunningOperator;
import dev.eider.e2e.support.TestCluster;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Production is opt-in: two namespaces holding Assets of the same names write different prefixes
 * and warehouses, neither production's; a namespace labelled {@code eider.dev/production: "true"}
 * writes production's.
 */
class NamespaceIsolationTest {

  /** The operator replicas the test starts, stopped after each test. */
  @RegisterExtension
  final RunningOperator operators = RunningOperator.startedByTest();

  private final TestCluster cluster = TestCluster.get();
  private OperatorProcess operator;

  @Test
  void sameNamedAssetsInTwoNamespacesWriteApartAndOnlyTheLabelledOneWritesProduction() {
    String first = cluster.newNamespace("iso-a");
    String second = cluster.newNamespace("iso-b");
    String production = cluster.newNamespace("iso-prod");
    // The operator's prefix is the first namespace's name (EiderOperator), its production warehouse
    // s3://<bucket>/<first>/warehouse/eider.duckdb; no namespace is configured as production.
    EiderOperator eider = EiderOperator.forNamespace(cluster, first)
        .without("eider.production.namespaces")
        .with("quarkus.operator-sdk.controllers.asset.namespaces", String.join(",", first, second, production));
    String prefix = first;
    for (String namespace : List.of(second, production)) {
      cluster.client().resource(LocalCluster.storageSecret(namespace)).serverSideApply();
    }
    cluster.client().namespaces().withName(production).edit(ns -> new NamespaceBuilder(ns)
        .editMetadata().addToLabels("eider.dev/production", "true").endMetadata().build());
    operator = operators.start(eider);

    for (String namespace : List.of(first, second, production)) {
      AssetFixtures assets = new AssetFixtures(cluster.client(), namespace);
      Path ledger = eider.dir().resolve("ledger-" + namespace);
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: snapshot}
          spec:
            ingest: {bluesky: {starterPack: {uri: "at://did:plc:abc/app.bsky.graph.starterpack/3l7cddlz5ja24"}}}
            automation: {onMissing: true}
            worker:
              env: [{name: FAKE_LEDGER, value: "%s"}]
          """.formatted(ledger));
      // An Asset cannot point its runs elsewhere: these are ignored outside production.
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: feed}
          spec:
            transform: {models: [latest_feed]}
            automation: {onMissing: true}
            worker:
              env:
                - {name: FAKE_LEDGER, value: "%s"}
                - {name: EIDER_WAREHOUSE, value: "%s"}
          """.formatted(ledger, eider.warehouse()));
    }
    for (String namespace : List.of(first, second, production)) {
      AssetFixtures assets = new AssetFixtures(cluster.client(), namespace);
      assets.awaitCondition("snapshot", "Ready", "True", Duration.ofSeconds(90));
      assets.awaitCondition("feed", "Ready", "True", Duration.ofSeconds(90));
    }

    assertThat(env(first, "snapshot")).containsEntry("EIDER_PREFIX", prefix + "/namespaces/" + first)
        .containsEntry("EIDER_RAW_PREFIX", prefix + "/namespaces/" + first);
    assertThat(env(second, "snapshot")).containsEntry("EIDER_PREFIX", prefix + "/namespaces/" + second)
        .containsEntry("EIDER_RAW_PREFIX", prefix + "/namespaces/" + second);
    assertThat(env(production, "snapshot")).containsEntry("EIDER_PREFIX", prefix).doesNotContainKey("EIDER_RAW_PREFIX");

    assertThat(env(first, "feed")).containsEntry("EIDER_PREFIX", prefix + "/namespaces/" + first)
        .containsEntry("EIDER_WAREHOUSE", "s3://" + TestCluster.BUCKET + "/" + prefix + "/namespaces/" + first + "/warehouse.duckdb");
    assertThat(env(second, "feed")).containsEntry("EIDER_PREFIX", prefix + "/namespaces/" + second)
        .containsEntry("EIDER_WAREHOUSE", "s3://" + TestCluster.BUCKET + "/" + prefix + "/namespaces/" + second + "/warehouse.duckdb");
    assertThat(env(production, "feed")).containsEntry("EIDER_PREFIX", prefix)
        .containsEntry("EIDER_WAREHOUSE", "s3://" + TestCluster.BUCKET + "/" + prefix + "/warehouse/eider.duckdb");
    assertThat(eider.warehouse()).isEqualTo("s3://" + TestCluster.BUCKET + "/" + prefix + "/warehouse/eider.duckdb");
  }

  /** The environment of the worker container of {@code asset}'s Job in {@code namespace}. */
  private Map<String, String> env(String namespace, String asset) {
    List<Job> jobs = cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset", asset).list().getItems();
    assertThat(jobs).as("Jobs of %s/%s", namespace, asset).isNotEmpty();
    return jobs.get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(var -> var.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b));
  }
}
