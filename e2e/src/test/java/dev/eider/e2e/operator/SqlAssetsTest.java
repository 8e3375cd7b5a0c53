package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.BlueskyServer;
import dev.eider.e2e.support.RunningOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.CodeVersionStatus;
import dev.eider.operator.asset.state.Trigger;
import dev.eider.operator.platform.Labels;
import dev.eider.testkit.kube.ContainerImages;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQL as data, with the real worker: a starter-pack snapshot of a fake Bluesky (3 members) feeds an
 * Asset with inline SQL and one with a ConfigMap of two models (one reading the other); both build
 * their tables from the raw list items. Code versions: an edit of comments and layout runs nothing;
 * a change of the upstream model of the set changes both models' fingerprints and runs the eager
 * asset and its downstream once, while a lazy asset of the same model says CodeChanged and waits.
 * A bad model, inline or in the ConfigMap, is InvalidSpec naming model and line, and runs nothing.
 */
class SqlAssetsTest {

  static final String WORKER_IMAGE = ContainerImages.WORKER_REPOSITORY + ":test";
  static final int MEMBERS = 3;

  private final TestCluster cluster = TestCluster.get();
  @RegisterExtension
  @Order(1)
  final BlueskyServer bluesky = BlueskyServer.perTest(MEMBERS, 3);
  @RegisterExtension
  @Order(2)
  final RunningOperator eider = RunningOperator.perTest("sql").configured(operator -> operator
      .with("eider.worker.image", WORKER_IMAGE)
      .with("eider.worker.env.BLUESKY_APPVIEW_URL", bluesky.url()));
  private String namespace;
  private AssetFixtures assets;

  @BeforeEach
  void namespace() {
    namespace = eider.namespace();
    assets = eider.assets();
  }

  @Test
  void inlineAndConfigMapModelsMaterializeAndACodeChangeRunsThemAndTheirDownstreamOnce() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: starter-pack-snapshot}
        spec:
          ingest: {bluesky: {starterPack: {uri: "%s"}}}
          automation: {onMissing: true}
        """.formatted(bluesky.dataset().starterPack().uri()));
    cluster.client().resource(asset(PACK_HANDLES.formatted("-- one row per member of the newest list snapshot"))).create();
    cluster.client().resource(models(MEMBERS_SQL, MEMBER_COUNT_SQL)).serverSideApply();
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: member-models}
        spec:
          transform: {configMapRef: {name: member-models}}
          deps: [{asset: starter-pack-snapshot}]
          automation: {eager: true}
        """);
    // Downstream of member-models by its dependency: re-runs when member-models materializes again.
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: member-report}
        spec:
          transform: {sql: "SELECT count(*) AS lists FROM raw_list_items"}
          deps: [{asset: member-models}]
          automation: {eager: true}
        """);
    // The same members model, without eager automation: a change makes it stale and it waits.
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: members-only}
        spec:
          transform: {configMapRef: {name: member-models, key: members.sql}}
          deps: [{asset: starter-pack-snapshot}]
          automation: {onMissing: true}
        """);

    for (String asset : List.of("pack-handles", "member-models", "member-report", "members-only")) {
      assets.awaitCondition(asset, "Ready", "True", Duration.ofMinutes(3));
    }
    assertThat(builtModels("pack-handles")).containsExactly("pack_handles=" + MEMBERS);
    // Each model after the one it reads, though its name sorts first.
    assertThat(builtModels("member-models")).containsExactly("members=" + MEMBERS, "member_count=1");
    Job job = onlyJob("member-models");
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(volume -> volume.getConfigMap() != null)
        .singleElement().satisfies(volume -> assertThat(volume.getConfigMap().getName()).isEqualTo("member-models"));
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("transform", "--models", "member_count,members");
    CodeVersionStatus first = assets.get("member-models").getStatus().getCodeVersion();
    assertThat(first.getState()).isEqualTo("Current");
    assertThat(first.getMaterialized()).isEqualTo(first.getFingerprint()).matches("[0-9a-f]{16}");
    assertThat(assets.condition("member-models", "CodeVersion").orElseThrow().getReason()).isEqualTo("CodeCurrent");
    String firstRun = assets.get("member-models").getStatus().getLastMaterialization().getJob();

    // Comments and layout only, in the ConfigMap and inline: the same code version, nothing runs.
    cluster.client().resource(models("-- the members\n" + MEMBERS_SQL.replace(" FROM ", "\n  FROM "), MEMBER_COUNT_SQL + ";"))
        .serverSideApply();
    String reworded = asset(PACK_HANDLES.formatted("-- reworded: members of the newest snapshot")).getSpec().getTransform().getSql();
    long generation = cluster.client().resources(Asset.class).inNamespace(namespace).withName("pack-handles").edit(found -> {
      found.getSpec().getTransform().setSql(reworded);
      return found;
    }).getMetadata().getGeneration();
    await().atMost(Duration.ofMinutes(1)).until(() -> generation == assets.get("pack-handles").getStatus().getObservedGeneration());
    assertThat(assets.get("member-models").getStatus().getCodeVersion().getFingerprint()).isEqualTo(first.getFingerprint());
    assertThat(assets.condition("pack-handles", "CodeVersion").orElseThrow().getReason()).isEqualTo("CodeCurrent");
    assertThat(jobs("pack-handles")).hasSize(1);

    // A real change of the upstream model of the set: both fingerprints change, the eager asset and
    // its downstream run once, the lazy one says it is stale and waits.
    cluster.client().resource(models(MEMBERS_SQL + " ORDER BY did LIMIT 2", MEMBER_COUNT_SQL)).serverSideApply();

    await().atMost(Duration.ofMinutes(2)).until(() -> !firstRun.equals(lastJob("member-models"))
        && "Current".equals(assets.get("member-models").getStatus().getCodeVersion().getState()));
    assertThat(builtModels("member-models")).containsExactly("members=2", "member_count=1");
    CodeVersionStatus second = assets.get("member-models").getStatus().getCodeVersion();
    assertThat(second.getFingerprint()).isNotEqualTo(first.getFingerprint());
    assertThat(second.getModels()).extracting(CodeVersionStatus.ModelVersion::getFingerprint)
        .doesNotContainAnyElementsOf(first.getModels().stream().map(CodeVersionStatus.ModelVersion::getFingerprint).toList());
    assets.awaitCondition("members-only", "CodeVersion", "False", Duration.ofMinutes(1));
    assertThat(assets.condition("members-only", "CodeVersion").orElseThrow()).satisfies(condition -> {
      assertThat(condition.getReason()).isEqualTo("CodeChanged");
      assertThat(condition.getMessage()).startsWith("code changed since the latest materialization: model members (version ")
          .endsWith("; not eager: materialize it (annotation eider.dev/materialize) to run the new code");
    });
    assertThat(assets.get("members-only").getStatus().getCodeVersion().getState()).isEqualTo("Changed");
    await().atMost(Duration.ofMinutes(2)).until(() -> jobs("member-report").size() == 2
        && assets.conditionIs("member-report", "Materializing", "False") && assets.conditionIs("member-report", "Ready", "True"));

    assets.annotate("members-only", "eider.dev/materialize", "after-the-change");
    assets.awaitCondition("members-only", "CodeVersion", "True", Duration.ofMinutes(2));
    assertThat(builtModels("members-only")).containsExactly("members=2");
    // Once each: the comment-only edits ran nothing, the change one run per asset.
    assertThat(jobs("member-models")).hasSize(2);
    assertThat(jobs("member-report")).hasSize(2);
    assertThat(jobs("members-only")).hasSize(2);
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

  static final String MEMBERS_SQL = "SELECT DISTINCT item->'subject'->>'did' AS did FROM raw_list_items";
  static final String MEMBER_COUNT_SQL = "SELECT count(*) AS members FROM members";
  static final String PACK_HANDLES = """
      apiVersion: eider.dev/v1alpha1
      kind: Asset
      metadata: {name: pack-handles}
      spec:
        transform:
          sql: |
            %s
            SELECT item->'subject'->>'did' AS did, item->'subject'->>'handle' AS handle
            FROM raw_list_items
        deps: [{asset: starter-pack-snapshot}]
        automation: {eager: true}
      """;

  private Asset asset(String yaml) {
    Asset asset = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml, Asset.class);
    asset.getMetadata().setNamespace(namespace);
    return asset;
  }

  private ConfigMap models(String members, String memberCount) {
    return models(Map.of("members.sql", members, "member_count.sql", memberCount));
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

  /**
   * The asset's runs, each once: its Jobs but a retry's. On a loaded machine a first run may fail
   * and be retried (seen in a stress round); what these tests count is which code changes start runs.
   */
  private List<Job> jobs(String asset) {
    return cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset", asset).list().getItems().stream()
        .filter(job -> job.getMetadata().getAnnotations() == null
            || !Trigger.RETRY.name().equals(job.getMetadata().getAnnotations().get(Labels.TRIGGER_ANNOTATION)))
        .toList();
  }

  private Job onlyJob(String asset) {
    List<Job> jobs = jobs(asset);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
