package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.asset.sql.ModelSet;
import dev.eider.operator.asset.state.PartitionStateStore;
import dev.eider.operator.platform.Labels;
import dev.eider.operator.platform.TestEiderConfig;
import dev.eider.operator.warehouse.NamespaceStorage;
import dev.eider.operator.workerjob.HardenedWorkerPod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The Job of one run: worker image and command, configured from operator defaults, namespace profile and the asset. */
class WorkerJobFactoryTest {

  static final String PACK = "at://did:plc:lc5jzrr425fyah724df3z5ik/app.bsky.graph.starterpack/3l7cddlz5ja24";
  static final NamespaceProfile BRANCH = new NamespaceProfile(Optional.of("md:branch_pr_7"), Optional.of("branches/pr-7"),
      Optional.of("raw"), OptionalInt.of(3), Optional.of("eider_prod"), true);

  final TestEiderConfig config = new TestEiderConfig();
  final WorkerJobFactory factory = new WorkerJobFactory(config);

  @Test
  void jobRunsItsPodOnceWithinADeadlineAndIsCollectedAfterItsTtl() {
    Job job = factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 2, NamespaceProfile.NONE);

    assertThat(job.getMetadata().getName()).isEqualTo(JobNames.of("starter-pack-snapshot", PACK, 2));
    assertThat(job.getMetadata().getNamespace()).isEqualTo("bluesky");
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);
    assertThat(pod(job).getRestartPolicy()).isEqualTo("Never");
    assertThat(container(job).getTerminationMessagePolicy()).isEqualTo("File");
  }

  @Test
  void ingestionsAndTransformsRunInTheHardenedWorkerPod() {
    Job ingest = factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, NamespaceProfile.NONE);
    Job transform = factory.build(transform("{transform: {models: [latest_feed]}}"), "", 1, BRANCH);

    HardenedWorkerPod.assertHardened(ingest);
    HardenedWorkerPod.assertHardened(transform);
    assertThat(container(ingest).getResources()).isEqualTo(HardenedWorkerPod.DEFAULT_RESOURCES);
    assertThat(container(transform).getResources()).isEqualTo(HardenedWorkerPod.DEFAULT_RESOURCES);
    // The default warehouse is an object: no volume but /tmp.
    assertThat(pod(transform).getVolumes()).extracting(io.fabric8.kubernetes.api.model.Volume::getName).containsExactly("tmp");
    assertThat(env(factory.build(transform("{transform: {models: [latest_feed]}}"), "", 1, NamespaceProfile.NONE))).containsEntry("EIDER_WAREHOUSE", "s3://eider/raw/warehouse/eider.duckdb");
  }

  @Test
  void aTransformMountsTheClaimOfAFilePathWarehouseAndAnIngestionDoesNot() {
    config.warehouse.connection = Optional.of("/var/lib/eider/eider.duckdb");
    config.warehouse.volumeClaim = Optional.of("eider-warehouse");
    WorkerJobFactory files = new WorkerJobFactory(config);

    PodSpec transform = pod(files.build(transform("{transform: {models: [latest_feed]}}"), "", 1, NamespaceProfile.NONE));
    PodSpec ingest = pod(files.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, NamespaceProfile.NONE));

    assertThat(transform.getVolumes()).extracting(v -> v.getPersistentVolumeClaim() == null ? null : v.getPersistentVolumeClaim().getClaimName())
        .containsExactly(null, "eider-warehouse");
    assertThat(transform.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/tmp", "/var/lib/eider");
    assertThat(ingest.getVolumes()).hasSize(1);
  }

  @Test
  void assetTimeoutOverridesTheDefaultDeadline() {
    Job job = factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}, worker: {timeout: 30m}}"), PACK, 1, NamespaceProfile.NONE);

    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
  }

  @Test
  void jobAndPodCarryTheLabelsTheOperatorSelectsOnAndTheFullPartitionKey() {
    Job job = factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}, pool: ingestion}"), PACK, 2, NamespaceProfile.NONE);

    Map<String, String> expected = Map.of(
        Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE,
        "app.kubernetes.io/name", "eider-worker",
        "app.kubernetes.io/instance", "starter-pack-snapshot",
        "app.kubernetes.io/component", "run",
        "app.kubernetes.io/part-of", "eider",
        Labels.ASSET, "starter-pack-snapshot",
        Labels.PARTITION_HASH, PartitionStateStore.partitionHash(PACK),
        Labels.RUN, "2",
        Labels.POOL, "ingestion");
    assertThat(job.getMetadata().getLabels()).isEqualTo(expected);
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(expected);
    assertThat(job.getMetadata().getAnnotations()).containsEntry(Labels.PARTITION_ANNOTATION, PACK);
    assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry(Labels.PARTITION_ANNOTATION, PACK);
    job.getMetadata().getLabels().values().forEach(value -> assertThat(value).hasSizeLessThanOrEqualTo(63));
  }

  @Test
  void transformIsLabelledWithTheWarehouseItWrites() {
    Job production = factory.build(transform("{transform: {models: [latest_feed]}}"), "", 1, NamespaceProfile.NONE);
    Job branch = factory.build(transform("{transform: {models: [latest_feed]}}"), "", 1, BRANCH);

    assertThat(production.getMetadata().getLabels()).containsEntry(Labels.WRITER, WorkerJobFactory.writerOf("s3://eider/raw/warehouse/eider.duckdb"))
        .doesNotContainKey(Labels.POOL);
    assertThat(branch.getMetadata().getLabels()).containsEntry(Labels.WRITER, WorkerJobFactory.writerOf("md:branch_pr_7"));
  }

  @Test
  void aReportReadsTheNamespacesWarehouseAndWaitsForItsWriter() {
    Job production = factory.build(transform("{report: {kind: dashboard}}"), "", 1, NamespaceProfile.NONE);
    Job branch = factory.build(transform("{report: {kind: dashboard}}"), "", 1, BRANCH);

    // The same one-writer slot as transforms: a DuckDB file being written cannot be opened to read.
    assertThat(production.getMetadata().getLabels()).containsEntry(Labels.WRITER, WorkerJobFactory.writerOf("s3://eider/raw/warehouse/eider.duckdb"));
    assertThat(env(production)).containsEntry("EIDER_WAREHOUSE", "s3://eider/raw/warehouse/eider.duckdb").containsEntry("EIDER_PREFIX", "raw")
        .doesNotContainKey("EIDER_CHECKS");
    assertThat(env(branch)).containsEntry("EIDER_WAREHOUSE", "md:branch_pr_7").containsEntry("EIDER_PREFIX", "branches/pr-7");
    assertThat(production.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("report", "dashboard");
    // An ingestion opens no warehouse: no writer label.
    assertThat(factory.build(transform("{ingest: {bluesky: {authorFeed: {actor: \"did:plc:x\"}}}}"), "", 1, NamespaceProfile.NONE)
        .getMetadata().getLabels()).doesNotContainKey(Labels.WRITER);
  }

  @Test
  void eachKindOfNamespaceWritesItsOwnPrefixAndWarehouse() {
    config.production.namespaces = Optional.of(java.util.List.of("bluesky"));
    NamespaceStorage storage = new NamespaceStorage(config);
    Map<String, String> byConfig = env(factory.build(transform("{transform: {models: [latest_feed]}}"), "", 1,
        storage.place("bluesky", Optional.of(namespace("bluesky", Map.of(), Map.of()))).profile().orElseThrow()));
    Map<String, String> byLabel = env(factory.build(transform("{transform: {models: [latest_feed]}}"), "", 1,
        storage.place("analytics", Optional.of(namespace("analytics", Map.of("eider.dev/production", "true"), Map.of()))).profile().orElseThrow()));
    Map<String, String> plain = env(factory.build(transform("{transform: {models: [latest_feed]}}"), "", 1,
        storage.place("team-a", Optional.of(namespace("team-a", Map.of(), Map.of()))).profile().orElseThrow()));
    Map<String, String> branch = env(factory.build(transform("{transform: {models: [latest_feed]}}"), "", 1,
        storage.place("eider-x-1a2b3c4d", Optional.of(namespace("eider-x-1a2b3c4d", Map.of("eider.dev/branch-deployment", "x"), Map.of(
            NamespaceProfile.WAREHOUSE, "s3://eider/raw/warehouse/eider_br_x_1a2b3c4d.duckdb",
            NamespaceProfile.OBJECT_PREFIX, "raw/branches/x-1a2b3c4d", NamespaceProfile.RAW_PREFIX, "raw/namespaces/team-a"))))
            .profile().orElseThrow()));

    assertThat(byConfig).containsEntry("EIDER_PREFIX", "raw").containsEntry("EIDER_WAREHOUSE", "s3://eider/raw/warehouse/eider.duckdb")
        .doesNotContainKey("EIDER_RAW_PREFIX");
    assertThat(byLabel).containsEntry("EIDER_PREFIX", "raw").containsEntry("EIDER_WAREHOUSE", "s3://eider/raw/warehouse/eider.duckdb");
    assertThat(plain).containsEntry("EIDER_PREFIX", "raw/namespaces/team-a").containsEntry("EIDER_RAW_PREFIX", "raw/namespaces/team-a")
        .containsEntry("EIDER_WAREHOUSE", "s3://eider/raw/namespaces/team-a/warehouse.duckdb");
    assertThat(branch).containsEntry("EIDER_PREFIX", "raw/branches/x-1a2b3c4d").containsEntry("EIDER_RAW_PREFIX", "raw/namespaces/team-a")
        .containsEntry("EIDER_WAREHOUSE", "s3://eider/raw/warehouse/eider_br_x_1a2b3c4d.duckdb");
    // A namespace out of the cache has no profile at all: the reconciler launches nothing there.
    assertThat(storage.place("team-b", Optional.empty()).profile()).isEmpty();
  }

  @Test
  void anIsolatedNamespacesAssetCannotRedirectItsRunsToProduction() {
    NamespaceProfile plain = new NamespaceStorage(config).place("team-a", Optional.of(namespace("team-a", Map.of(), Map.of())))
        .profile().orElseThrow();
    Map<String, String> env = env(factory.build(transform("""
        transform: {models: [latest_feed]}
        worker:
          env:
          - {name: EIDER_PREFIX, value: raw}
          - {name: EIDER_RAW_PREFIX, value: raw}
          - {name: EIDER_WAREHOUSE, value: "s3://eider/raw/warehouse/eider.duckdb"}
        """), "", 1, plain));
    assertThat(env).containsEntry("EIDER_PREFIX", "raw/namespaces/team-a").containsEntry("EIDER_RAW_PREFIX", "raw/namespaces/team-a")
        .containsEntry("EIDER_WAREHOUSE", "s3://eider/raw/namespaces/team-a/warehouse.duckdb");
  }

  static io.fabric8.kubernetes.api.model.Namespace namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
    return new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
        .withAnnotations(annotations).endMetadata().build();
  }

  @Test
  void assetOwnsItsJobs() {
    Job job = factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, NamespaceProfile.NONE);

    OwnerReference owner = job.getMetadata().getOwnerReferences().get(0);
    assertThat(job.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(owner.getApiVersion()).isEqualTo("eider.dev/v1alpha1");
    assertThat(owner.getKind()).isEqualTo("Asset");
    assertThat(owner.getName()).isEqualTo("starter-pack-snapshot");
    assertThat(owner.getUid()).isEqualTo("uid-1");
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
  }

  @Test
  void podHasNoServiceAccountToken() {
    config.worker.serviceAccount = Optional.of("eider-worker");

    PodSpec defaults = pod(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, NamespaceProfile.NONE));
    PodSpec own = pod(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}, worker: {serviceAccountName: feeds}}"), PACK, 1,
        NamespaceProfile.NONE));

    assertThat(defaults.getAutomountServiceAccountToken()).isFalse();
    assertThat(defaults.getServiceAccountName()).isEqualTo("eider-worker");
    assertThat(own.getServiceAccountName()).isEqualTo("feeds");
  }

  @Test
  void imageAndResourcesComeFromTheAssetElseTheOperator() {
    Container defaults = container(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, NamespaceProfile.NONE));
    Container own = container(factory.build(ingest("""
        {ingest: {bluesky: {starterPack: {}}},
         worker: {image: "registry.example/worker:dev", resources: {limits: {memory: 1Gi}}}}
        """), PACK, 1, NamespaceProfile.NONE));

    assertThat(defaults.getImage()).isEqualTo("ghcr.io/eider/worker:0.1.0");
    assertThat(own.getImage()).isEqualTo("registry.example/worker:dev");
    assertThat(own.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
    assertThat(container(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, NamespaceProfile.NONE)).getArgs())
        .containsExactly("ingest", "starter-pack", "--uri", PACK, "--asset", "starter-pack-snapshot", "--partition", PACK);
  }

  @Test
  void secretsReachThePodOnlyAsOptionalSecretReferences() {
    config.warehouse.credentialsSecret = Optional.of("motherduck");
    config.worker.envSecret = Optional.of("bluesky-credentials");
    config.worker.env.put("BLUESKY_APPVIEW_URL", "https://public.api.bsky.app");

    Container container = container(factory.build(ingest("""
        {ingest: {bluesky: {starterPack: {}}},
         worker: {envFrom: [{secretRef: {name: pds-login}}]}}
        """), PACK, 1, NamespaceProfile.NONE));

    assertThat(container.getEnvFrom()).extracting(source -> source.getSecretRef().getName())
        .containsExactly("eider-storage", "motherduck", "bluesky-credentials", "pds-login");
    assertThat(container.getEnvFrom().subList(0, 3)).allSatisfy(source -> assertThat(source.getSecretRef().getOptional()).isTrue());
    assertThat(container.getEnv()).filteredOn(var -> var.getValueFrom() != null).extracting(EnvVar::getName)
        .containsExactly("EIDER_MEMORY_LIMIT_BYTES", "EIDER_CPU_LIMIT");
  }

  /** A branch's code is unreviewed: its runs hold the branch credentials, never production's, even when its Asset names them. */
  @Test
  void branchRunsTakeTheBranchCredentialsInsteadOfProductions() {
    config.warehouse.credentialsSecret = Optional.of("motherduck");
    config.branch.warehouseCredentialsSecret = Optional.of("motherduck-branch");
    config.worker.envSecret = Optional.of("bluesky-credentials");

    Container branch = container(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, BRANCH));
    Container production = container(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, NamespaceProfile.NONE));

    assertThat(branch.getEnvFrom()).extracting(source -> source.getSecretRef().getName())
        .containsExactly("eider-branch-storage", "motherduck-branch", "bluesky-credentials");
    assertThat(production.getEnvFrom()).extracting(source -> source.getSecretRef().getName())
        .containsExactly("eider-storage", "motherduck", "bluesky-credentials");
  }

  @Test
  void runEnvironmentNamesTheRunAndWhereItWrites() {
    config.storage.endpoint = Optional.of("https://account.r2.cloudflarestorage.com");

    Map<String, String> env = env(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 4, NamespaceProfile.NONE));

    assertThat(env).containsEntry("EIDER_ASSET", "starter-pack-snapshot").containsEntry("EIDER_PARTITION", PACK)
        .containsEntry("EIDER_BUCKET", "eider")
        .containsEntry("EIDER_PREFIX", "raw").containsEntry("AWS_ENDPOINT_URL", "https://account.r2.cloudflarestorage.com")
        .doesNotContainKeys("EIDER_WAREHOUSE", "EIDER_RAW_PREFIX", "EIDER_CHECKS");
    // The Job's name is the run's id in the status (lastMaterialization.job); the worker never read EIDER_RUN.
    assertThat(env).doesNotContainKey("EIDER_RUN");
  }

  @Test
  void operatorEnvironmentCannotRenameTheRun() {
    config.worker.env.put("EIDER_ASSET", "something-else");

    assertThat(env(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}}"), PACK, 1, NamespaceProfile.NONE)))
        .containsEntry("EIDER_ASSET", "starter-pack-snapshot");
  }

  @Test
  void assetEnvironmentOverridesTheOperatorDefaults() {
    config.worker.env.put("BLUESKY_APPVIEW_URL", "https://public.api.bsky.app");

    Map<String, String> env = env(factory.build(transform("""
        {transform: {models: [latest_feed]},
         worker: {env: [{name: BLUESKY_APPVIEW_URL, value: "https://appview.example"},
                        {name: EIDER_WAREHOUSE, value: "/tmp/scratch.duckdb"}]}}
        """), "", 1, NamespaceProfile.NONE));

    assertThat(env).containsEntry("BLUESKY_APPVIEW_URL", "https://appview.example")
        .containsEntry("EIDER_WAREHOUSE", "/tmp/scratch.duckdb");
  }

  @Test
  void branchProfilePinsWhereRunsWriteWhateverTheAssetSays() {
    Job job = factory.build(transform("""
        {transform: {models: [latest_feed]},
         worker: {env: [{name: EIDER_WAREHOUSE, value: "md:eider_prod"}, {name: EIDER_PREFIX, value: raw},
                        {name: EIDER_RAW_PREFIX, value: elsewhere}, {name: EIDER_PROTECTED_DATABASES, value: ""},
                        {name: EIDER_WAREHOUSE, valueFrom: {secretKeyRef: {name: s, key: k}}},
                        {name: DEBUG, value: "1"}]}}
        """), "", 1, BRANCH);

    Map<String, String> env = env(job);
    assertThat(env).containsEntry("EIDER_WAREHOUSE", "md:branch_pr_7").containsEntry("EIDER_PREFIX", "branches/pr-7")
        .containsEntry("EIDER_RAW_PREFIX", "raw").containsEntry("EIDER_PROTECTED_DATABASES", "eider_prod")
        .containsEntry("DEBUG", "1");
    assertThat(container(job).getEnv()).extracting(EnvVar::getName).doesNotHaveDuplicates();
    assertThat(container(job).getEnv()).filteredOn(var -> var.getValueFrom() != null).extracting(EnvVar::getName)
        .containsExactly("EIDER_MEMORY_LIMIT_BYTES", "EIDER_CPU_LIMIT");
  }

  @Test
  void transformWithChecksPassesThemAsJson() throws Exception {
    Job job = factory.build(transform("""
        {transform: {models: [latest_feed]},
         checks: [{name: has_posts, type: rowCount, min: 1, blocking: true},
                  {name: fresh_posts, type: freshness, column: indexed_at, maxAge: 26h, severity: warn}]}
        """), "", 1, NamespaceProfile.NONE);

    JsonNode checks = new ObjectMapper().readTree(env(job).get("EIDER_CHECKS"));
    assertThat(checks).hasSize(2);
    assertThat(checks.get(0).toString()).isEqualTo("{\"name\":\"has_posts\",\"type\":\"rowCount\",\"min\":1,\"blocking\":true}");
    assertThat(checks.get(1).toString())
        .isEqualTo("{\"name\":\"fresh_posts\",\"type\":\"freshness\",\"column\":\"indexed_at\",\"maxAge\":\"26h\",\"severity\":\"warn\"}");
    assertThat(container(job).getArgs()).containsSequence("--check-asset", "latest-feed");
  }

  @Test
  void checksAreNotPassedToIngestionsOrToTransformsWithoutChecks() {
    assertThat(env(factory.build(transform("{transform: {models: [calendar]}}"), "", 1, NamespaceProfile.NONE)))
        .doesNotContainKey("EIDER_CHECKS");
    assertThat(env(factory.build(ingest("{ingest: {bluesky: {starterPack: {}}}, checks: [{name: n, type: rowCount, min: 1}]}"),
        PACK, 1, NamespaceProfile.NONE))).doesNotContainKey("EIDER_CHECKS");
  }

  @Test
  void aBranchTransformIsToldWhichIngestionsItsBranchRanAndCannotBeToldOtherwise() {
    Asset asset = transform("""
        transform: {models: [latest_feed]}
        worker: {env: [{name: EIDER_OWN_RAW_ASSETS, value: "starter-pack-snapshot"}]}
        """);

    Job job = factory.build(asset, "", 1, BRANCH.withOwnRawAssets(java.util.List.of("actor-feed-snapshot")),
        dev.eider.operator.asset.sql.ModelSet.shipped(java.util.List.of("latest_feed")));
    assertThat(env(job)).containsEntry("EIDER_OWN_RAW_ASSETS", "actor-feed-snapshot");
    Job none = factory.build(asset, "", 1, BRANCH.withOwnRawAssets(java.util.List.of()),
        dev.eider.operator.asset.sql.ModelSet.shipped(java.util.List.of("latest_feed")));
    assertThat(env(none)).containsEntry("EIDER_OWN_RAW_ASSETS", "");
    // Outside a branch the operator sets nothing, and the asset's own value is its business.
    assertThat(env(factory.build(asset, "", 1, NamespaceProfile.NONE,
        dev.eider.operator.asset.sql.ModelSet.shipped(java.util.List.of("latest_feed"))))).containsEntry("EIDER_OWN_RAW_ASSETS", "starter-pack-snapshot");
  }

  @Test
  void aConfigMapOfModelsIsMountedReadOnlyAndNamedToTheWorker() {
    ModelSet set = new ModelSet(java.util.List.of("a_counts", "b_posts"), null, null,
        new dev.eider.operator.api.asset.SqlConfigMapRef("team-models", null), new dev.eider.operator.asset.sql.CodeVersion("0000000000000001", new java.util.TreeMap<>()));
    Job job = factory.build(transform("{transform: {configMapRef: {name: team-models}}}"), "", 1, NamespaceProfile.NONE, set);

    HardenedWorkerPod.assertHardened(job);
    assertThat(container(job).getArgs()).containsExactly("transform", "--models", "a_counts,b_posts");
    assertThat(env(job)).containsEntry("EIDER_MODELS_DIR", "/eider/models").doesNotContainKey("EIDER_INLINE_SQL");
    assertThat(Serialization.asJson(pod(job).getVolumes().get(1))).isEqualTo(
        "{\"configMap\":{\"defaultMode\":292,\"name\":\"team-models\"},\"name\":\"sql-models\"}");
    assertThat(Serialization.asJson(container(job).getVolumeMounts().get(1))).isEqualTo(
        "{\"mountPath\":\"/eider/models\",\"name\":\"sql-models\",\"readOnly\":true}");

    ModelSet one = new ModelSet(java.util.List.of("b_posts"), null, null,
        new dev.eider.operator.api.asset.SqlConfigMapRef("team-models", "b_posts.sql"), new dev.eider.operator.asset.sql.CodeVersion("0000000000000001", new java.util.TreeMap<>()));
    Job single = factory.build(transform("{transform: {configMapRef: {name: team-models, key: b_posts.sql}}}"), "", 1,
        NamespaceProfile.NONE, one);
    assertThat(Serialization.asJson(pod(single).getVolumes().get(1).getConfigMap().getItems()))
        .isEqualTo("[{\"key\":\"b_posts.sql\",\"path\":\"b_posts.sql\"}]");
  }

  @Test
  void inlineSqlReachesTheWorkerInItsVariablesWhichTheAssetCannotOverride() {
    ModelSet set = new ModelSet(java.util.List.of("latest_feed_count"), "latest_feed_count", "SELECT count(*) FROM latest_feed",
        null, new dev.eider.operator.asset.sql.CodeVersion("0000000000000001", new java.util.TreeMap<>()));
    Job job = factory.build(transform("""
        transform: {sql: "SELECT count(*) FROM latest_feed"}
        worker: {env: [{name: EIDER_INLINE_SQL, value: "SELECT 1"}, {name: EIDER_MODELS_DIR, value: /etc}]}
        """), "", 1, NamespaceProfile.NONE, set);

    assertThat(container(job).getArgs()).containsExactly("transform", "--models", "latest_feed_count");
    assertThat(env(job)).containsEntry("EIDER_INLINE_MODEL", "latest_feed_count")
        .containsEntry("EIDER_INLINE_SQL", "SELECT count(*) FROM latest_feed").doesNotContainKey("EIDER_MODELS_DIR");
    assertThat(pod(job).getVolumes()).extracting(io.fabric8.kubernetes.api.model.Volume::getName).containsExactly("tmp");
  }

  // --- helpers ---

  static Asset ingest(String spec) {
    return asset("starter-pack-snapshot", spec);
  }

  static Asset transform(String spec) {
    return asset("latest-feed", spec);
  }

  static Asset asset(String name, String spec) {
    Asset asset = new Asset();
    asset.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("bluesky").withUid("uid-1").build());
    asset.setSpec(Serialization.unmarshal("---\n" + spec, dev.eider.operator.api.asset.AssetSpec.class));
    return asset;
  }

  static PodSpec pod(Job job) {
    return job.getSpec().getTemplate().getSpec();
  }

  static Container container(Job job) {
    assertThat(pod(job).getContainers()).hasSize(1);
    return pod(job).getContainers().get(0);
  }

  static Map<String, String> env(Job job) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container(job).getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    return env;
  }
}
