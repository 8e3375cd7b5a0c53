package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.kube.ContainerImages;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQL as data, with the real worker: a starter-pack snapshot of a fake Bluesky (3 members) feeds an
 * Asset with inline SQL and one with a ConfigMap of two models (one reading the other); both build
 * their tables from the raw list items. Editing the ConfigMap makes a new materialization; a bad
 * model, inline or in the ConfigMap, is InvalidSpec naming model and line, and runs nothing.
 */
class SqlAssetsTest {

  static final String WORKER_IMAGE = ContainerImages.WORKER_REPOSITORY + ":test";
  static final int MEMBERS = 3;

  private final TestCluster cluster = TestCluster.get();
  private String namespace;
  private FakeBluesky bluesky;
  private OperatorProcess operator;
  private AssetFixtures assets;

  @BeforeEach
  void start() {
    namespace = cluster.newNamespace("sql");
    bluesky = FakeBluesky.builder().members(MEMBERS).feedLength(3).start();
    operator = EiderOperator.forNamespace(cluster, namespace)
        .with("eider.worker.image", WORKER_IMAGE)
        .with("eider.worker.env.BLUESKY_APPVIEW_URL", bluesky.url())
        .start();
    assets = new AssetFixtures(cluster.client(), namespace);
  }

  @AfterEach
  void stop() {
    operator.close();
    bluesky.close();
  }

  @Test
  void inlineAndConfigMapModelsMaterializeAndAConfigMapEditRunsThemAgain() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: starter-pack-snapshot}
        spec:
          ingest: {bluesky: {starterPack: {uri: "%s"}}}
          automation: {onMissing: true}
        """.formatted(bluesky.dataset().starterPack().uri()));
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: pack-handles}
        spec:
          transform:
            sql: |
              -- one row per member of the newest list snapshot
              SELECT item->'subject'->>'did' AS did, item->'subject'->>'handle' AS handle
              FROM raw_list_items
          deps: [{asset: starter-pack-snapshot}]
          automation: {eager: true}
        """);
    cluster.client().resource(models(Map.of(
        "members.sql", "SELECT DISTINCT item->'subject'->>'did' AS did FROM raw_list_items",
        "member_count.sql", "SELECT count(*) AS members FROM members"))).serverSideApply();
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: member-models}
        spec:
          transform: {configMapRef: {name: member-models}}
          deps: [{asset: starter-pack-snapshot}]
          automation: {eager: true}
        """);

    assets.awaitCondition("pack-handles", "Ready", "True", Duration.ofMinutes(3));
    assets.awaitCondition("member-models", "Ready", "True", Duration.ofMinutes(3));
    assertThat(builtModels("pack-handles")).containsExactly("pack_handles=" + MEMBERS);
    // Each model after the one it reads, though its name sorts first.
    assertThat(builtModels("member-models")).containsExactly("members=" + MEMBERS, "member_count=1");
    Job job = onlyJob("member-models");
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(volume -> volume.getConfigMap() != null)
        .singleElement().satisfies(volume -> assertThat(volume.getConfigMap().getName()).isEqualTo("member-models"));
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("transform", "--models", "member_count,members");
    String firstRun = assets.get("member-models").getStatus().getLastMaterialization().getJob();

    cluster.client().resource(models(Map.of(
        "members.sql", "SELECT DISTINCT item->'subject'->>'did' AS did FROM raw_list_items ORDER BY did LIMIT 2",
        "member_count.sql", "SELECT count(*) AS members FROM members"))).serverSideApply();

    await().atMost(Duration.ofMinutes(2)).until(() -> !firstRun.equals(lastJob("member-models")));
    assertThat(builtModels("member-models")).containsExactly("members=2", "member_count=1");
    assertThat(jobs("member-models")).hasSize(2);
    // The inline asset's SQL did not change: it did not run again.
    assertThat(jobs("pack-handles")).hasSize(1);
  }

  @Test
  void aBadModelIsInvalidSpecNamingModelAndLineAndRunsNothing() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: broken-inline}
        spec:
          transform:
            sql: |
              SELECT did
              FROM raw_list_items
              JOIN nowhere USING (did)
          automation: {onMissing: true}
        """);
    cluster.client().resource(models(Map.of(
        "members.sql", "SELECT 1 AS did",
        "member_count.sql", "SELECT count(*)\nFROM members;\nDROP TABLE members"))).serverSideApply();
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: broken-set}
        spec:
          transform: {configMapRef: {name: member-models}}
          automation: {onMissing: true}
        """);

    assets.awaitCondition("broken-inline", "Ready", "False", Duration.ofSeconds(60));
    assets.awaitCondition("broken-set", "Ready", "False", Duration.ofSeconds(60));
    assertThat(assets.condition("broken-inline", "Ready").orElseThrow().getReason()).isEqualTo("InvalidSpec");
    assertThat(assets.condition("broken-inline", "Ready").orElseThrow().getMessage()).contains("spec.transform.sql: model broken_inline, "
        + "line 3: reads table nowhere, which is no model of the set, no model of the worker image and no raw table");
    assertThat(assets.condition("broken-set", "Ready").orElseThrow().getReason()).isEqualTo("InvalidSpec");
    assertThat(assets.condition("broken-set", "Ready").orElseThrow().getMessage()).contains("spec.transform.configMapRef: model "
        + "member_count (ConfigMap member-models, key member_count.sql), line 2: a ';' ends the statement here");

    // Mending the ConfigMap wakes its Asset, which then runs.
    cluster.client().resource(models(Map.of("members.sql", "SELECT 1 AS did", "member_count.sql", "SELECT count(*) AS n FROM members")))
        .serverSideApply();
    assets.awaitCondition("broken-set", "Ready", "True", Duration.ofMinutes(2));
    assertThat(builtModels("broken-set")).containsExactly("members=1", "member_count=1");
    assertThat(jobs("broken-inline")).isEmpty();
  }

  private ConfigMap models(Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName("member-models").withNamespace(namespace)
        .addToLabels("eider.dev/sql", "models").endMetadata().withData(data).build();
  }

  /** "model=rows" as the worker reported them for the latest materialization, in build order. */
  private List<String> builtModels(String asset) {
    Asset found = assets.get(asset);
    List<String> built = new ArrayList<>();
    found.getStatus().getLastMaterialization().getMetadata().path("models")
        .forEach(model -> built.add(model.path("name").asText() + "=" + model.path("rows").asLong()));
    return built;
  }

  private String lastJob(String asset) {
    Asset found = assets.get(asset);
    return found.getStatus() == null || found.getStatus().getLastMaterialization() == null ? null
        : found.getStatus().getLastMaterialization().getJob();
  }

  private List<Job> jobs(String asset) {
    return cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset", asset).list().getItems();
  }

  private Job onlyJob(String asset) {
    List<Job> jobs = jobs(asset);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
