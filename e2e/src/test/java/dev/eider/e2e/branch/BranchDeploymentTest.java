package dev.eider.e2e.branch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.LocalCluster;
import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.local.WarehouseDownload;
import dev.eider.e2e.support.BranchEscapeAttempt;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
import dev.eider.operator.branch.BranchNames;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.s3.LocalS3;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * A branch of a production namespace running part of the Bluesky sample with the real worker:
 * its namespace, Secrets, quota and staging database appear; its assets materialize into the
 * staging database (an s3:// sibling of production's) and the branch prefix while production's DuckDB file and objects stay
 * byte-for-byte the same; changes are tracked and a new commit re-syncs; deletion (with the
 * operator killed halfway) and TTL expiry leave nothing behind.
 */
class BranchDeploymentTest {

  static final String BRANCH = "feature/Top-Links../ÜBER.x";
  private static final TestCluster cluster = TestCluster.get();
  private static FakeBluesky bluesky;
  private static String base;
  private static EiderOperator eider;
  private static OperatorProcess operator;
  private static AssetFixtures prodAssets;
  private static S3Client s3;

  @BeforeAll
  static void productionIsMaterialized() {
    bluesky = FakeBluesky.builder().members(3).feedLength(40).start();
    base = cluster.newNamespace("prod");
    String branchNamespace = BranchNames.of(BRANCH).namespace();
    String ttlNamespace = BranchNames.of(TTL_BRANCH).namespace();
    eider = EiderOperator.forNamespace(cluster, base)
        .with("quarkus.operator-sdk.controllers.asset.namespaces", base + "," + branchNamespace + "," + ttlNamespace)
        .with("eider.worker.image", "ghcr.io/eider/worker:test")
        .with("eider.worker.env.BLUESKY_APPVIEW_URL", bluesky.url());
    KubernetesClient client = cluster.client();
    // The cluster admin's opt-ins: this namespace may be a base, these two of its Secrets may be copied.
    client.namespaces().withName(base).edit(ns -> new io.fabric8.kubernetes.api.model.NamespaceBuilder(ns)
        .editMetadata().addToLabels(BASE_LABEL, "true").endMetadata().build());
    // Branch runs get their own storage key: read on production's prefix, write only where branches write.
    client.resource(LocalCluster.branchStorageSecret(cluster.s3(), TestCluster.BUCKET, base, base, BRANCH_KEY, BRANCH_SECRET)).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("bluesky-credentials").withNamespace(base)
        .addToLabels(COPY_LABEL, "true").endMetadata()
        .withStringData(Map.of("BLUESKY_SESSION_CACHE", "/tmp/unused")).build()).create();
    // Listed by a branch below, but never opted in.
    client.resource(new SecretBuilder().withNewMetadata().withName("payments-db").withNamespace(base).endMetadata()
        .withStringData(Map.of("PASSWORD", "not-for-branches")).build()).create();
    prodAssets = new AssetFixtures(client, base);
    for (String yaml : productionAssets(bluesky.dataset().starterPack().uri())) {
      prodAssets.create(yaml);
    }
    operator = eider.start();
    prodAssets.awaitCondition("latest-feed", "Ready", "True", Duration.ofMinutes(3));
    prodAssets.awaitCondition("all-profiles", "Ready", "True", Duration.ofMinutes(1));
    LocalS3 local = cluster.s3();
    s3 = S3Client.builder().endpointOverride(local.endpoint()).region(Region.of(LocalS3.REGION)).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
        .build();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (bluesky != null) {
      bluesky.close();
    }
  }

  @Test
  void branchGetsItsOwnNamespaceDatabaseAndDataAndLeavesNothingBehind() throws Exception {
    KubernetesClient client = cluster.client();
    String productionHash = etag(eider.warehouse()).orElseThrow();
    Map<String, String> productionObjects = objects(base + "/", base + "/branches/");
    assertThat(productionObjects).isNotEmpty();

    client.resource(Serialization.unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata:
          name: top-links
          labels: {%s: %s}
        spec:
          branch: "%s"
          commit: 3f9c2ab
          pullRequest: {number: 42, url: "https://github.com/acme/data/pull/42"}
          baseNamespace: %s
          assets: {from: base, selector: {}, rebuild: all}
          overrides:
            automation: {cron: suspend}
            partitions: {limit: 2}
          database: {mode: clone}
          secrets: [bluesky-credentials]
          ttl: 72h
        """.formatted(EiderOperator.OWNER_LABEL, base, BRANCH, base), BranchDeployment.class)).create();

    await().atMost(Duration.ofMinutes(2)).until(() -> conditionIs("top-links", "Ready"));
    BranchDeployment deployment = client.resources(BranchDeployment.class).withName("top-links").get();
    String namespace = deployment.getStatus().getNamespace();
    assertThat(namespace).isEqualTo(BranchNames.of(BRANCH).namespace()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
    Namespace ns = client.namespaces().withName(namespace).get();
    assertThat(ns.getMetadata().getLabels()).containsEntry("eider.dev/commit", "3f9c2ab").containsEntry("eider.dev/pull-request", "42");
    for (String copied : List.of("bluesky-credentials", "eider-branch-storage")) {
      assertThat(client.secrets().inNamespace(namespace).withName(copied).get().getData()).as("the copy of %s", copied)
          .isNotEmpty().isEqualTo(client.secrets().inNamespace(base).withName(copied).get().getData());
    }
    assertThat(client.secrets().inNamespace(namespace).withName("eider-storage").get()).as("production's storage key").isNull();
    assertThat(client.secrets().inNamespace(namespace).withName("payments-db").get()).as("a Secret outside the allow-list").isNull();
    assertThat(client.resourceQuotas().inNamespace(namespace).list().getItems()).isNotEmpty();
    String staging = deployment.getStatus().getDatabase().getName();
    assertThat(staging).startsWith(LocalCluster.warehouse(base + "/warehouse/eider_br_")).isNotEqualTo(eider.warehouse());
    assertThat(etag(staging)).as("the staging database, cloned server-side").isPresent();

    // The branch's copies run by themselves (cron suspended, onMissing and eager still on), sampled to 2 members.
    AssetFixtures branchAssets = new AssetFixtures(client, namespace);
    branchAssets.awaitCondition("latest-feed", "Ready", "True", Duration.ofMinutes(3));
    assertThat(branchAssets.get("actor-feed-snapshot").getStatus().getPartitions().getTotal()).isEqualTo(2);
    assertThat(branchAssets.get("starter-pack-snapshot").getSpec().getAutomation().getCron().getSuspend()).isTrue();
    String branchPrefix = BranchNames.of(BRANCH).objectPrefix(base);
    assertThat(objects(branchPrefix + "/", null)).isNotEmpty();
    assertThat(rows(staging, "latest_feed")).isPositive();
    assertThat(deployment.getStatus().getPlan().getReuse()).as("rebuild: all").isEmpty();
    // The branch ran the feed itself: its transforms read its own raw objects (2 sampled members), none of production's.
    assertThat(scalar(staging, "select count(*) filter (where not starts_with(_object_key, '" + branchPrefix + "/')) || ' outside, ' "
        + "|| count(distinct _partition) || ' members' from raw_feed_items")).isEqualTo("0 outside, 2 members");
    assertThat(etag(eider.warehouse())).as("production's DuckDB file").contains(productionHash);
    // The staging database is production's s3:// sibling, under production's prefix: everything else there is unchanged.
    Map<String, String> besidesStaging = objects(base + "/", base + "/branches/");
    assertThat(besidesStaging.remove(staging.substring(LocalCluster.warehouse("").length()))).as("the staging object").isNotNull();
    assertThat(besidesStaging).as("production's objects").isEqualTo(productionObjects);

    // The branch's own code, with the branch's credentials, aimed at production: the storage refuses it.
    productionCannotBeWrittenFromTheBranch(namespace, productionHash, productionObjects, staging);

    // A change in the branch shows against the base; a new commit re-syncs the copies.
    client.resources(Asset.class).inNamespace(namespace).withName("latest-feed").edit(asset -> {
      asset.getSpec().setDescription("changed on the branch");
      return asset;
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> changes("top-links").getOrDefault("latest-feed", "").equals("Modified"));
    client.resources(BranchDeployment.class).withName("top-links").edit(bd -> {
      bd.getSpec().setCommit("4a0d1e7");
      return bd;
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> !"changed on the branch".equals(
        branchAssets.get("latest-feed").getSpec().getDescription()));
    await().atMost(Duration.ofSeconds(30)).until(() -> !changes("top-links").containsKey("latest-feed"));

    // Deleting it tears everything down, even with the operator killed halfway.
    client.resources(BranchDeployment.class).withName("top-links").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> client.namespaces().withName(namespace).get() == null
        || client.namespaces().withName(namespace).get().getMetadata().getDeletionTimestamp() != null);
    operator.kill();
    operator = eider.start();
    await().atMost(Duration.ofMinutes(3)).until(() -> client.resources(BranchDeployment.class).withName("top-links").get() == null);
    assertThat(client.namespaces().withName(namespace).get()).isNull();
    assertThat(etag(staging)).as("the staging database").isEmpty();
    assertThat(objects(branchPrefix + "/", null)).as("objects under the branch prefix").isEmpty();
    assertThat(etag(eider.warehouse())).contains(productionHash);
    assertThat(objects(base + "/", base + "/branches/")).isEqualTo(productionObjects);
  }

  /**
   * Copies of the branch's own run Jobs, pointed at production with the worker's guard removed,
   * as a branch image or anyone with {@code edit} in the branch namespace could run them: the
   * writes reach the S3 server (its refusals name the branch key and production's keys, so the
   * attempt was real) and are answered 403; production's database and objects do not change.
   */
  private static void productionCannotBeWrittenFromTheBranch(String namespace, String productionHash,
                                                              Map<String, String> productionObjects, String staging) {
    KubernetesClient client = cluster.client();
    int refusedBefore = cluster.s3().refusals().size();
    BranchEscapeAttempt.Outcome ingest = BranchEscapeAttempt.run(client, namespace, "actor-feed-snapshot", "escape-raw",
        Map.of("EIDER_PREFIX", base, "EIDER_RAW_PREFIX", base), Set.of(), BranchDeploymentTest::fullFeed, Duration.ofMinutes(2));
    assertThat(ingest.succeeded()).as("an ingestion into production's prefix: " + ingest.message()).isFalse();
    assertThat(ingest.message()).contains("access denied (403 AccessDenied)");
    BranchEscapeAttempt.Outcome transform = BranchEscapeAttempt.run(client, namespace, "latest-feed", "escape-warehouse",
        Map.of("EIDER_WAREHOUSE", eider.warehouse()), Set.of("EIDER_PROTECTED_DATABASES"), Duration.ofMinutes(3));
    assertThat(transform.succeeded()).as("a transform into production's database: " + transform.message()).isFalse();
    assertThat(transform.message()).contains("access denied (403 AccessDenied)");

    List<LocalS3.Refusal> refused = cluster.s3().refusals().stream().skip(refusedBefore)
        .filter(refusal -> BRANCH_KEY.equals(refusal.accessKey())).toList();
    assertThat(refused).as("requests of the branch key the S3 server refused").isNotEmpty()
        .allSatisfy(refusal -> assertThat(refusal.code()).isEqualTo("AccessDenied"))
        .extracting(LocalS3.Refusal::key)
        .anySatisfy(key -> assertThat(key).startsWith(base + "/").doesNotStartWith(base + "/branches/"))
        .contains(eider.warehouse().substring(LocalCluster.warehouse("").length()));
    assertThat(etag(eider.warehouse())).as("production's DuckDB file").contains(productionHash);
    Map<String, String> besidesStaging = objects(base + "/", base + "/branches/");
    besidesStaging.remove(staging.substring(LocalCluster.warehouse("").length()));
    assertThat(besidesStaging).as("production's objects").isEqualTo(productionObjects);
  }

  /** The feed read whole ({@code --mode full}): an incremental run would find production's checkpoint current and write nothing. */
  private static List<String> fullFeed(List<String> args) {
    int mode = args.indexOf("--mode");
    assertThat(mode).as("the copied run's arguments " + args).isNotNegative();
    args.set(mode + 1, "full");
    return args;
  }

  static final String BRANCH_KEY = "eider-branch-e2e";
  static final String BRANCH_SECRET = "branch-secret-" + Long.toString(System.nanoTime(), 36);
  static final String TTL_BRANCH = "renovate/duckdb-2.x";
  static final String BASE_LABEL = "eider.dev/branch-base";
  static final String COPY_LABEL = "eider.dev/branch-copy";

  /**
   * The attack from the issue: whoever may create a BranchDeployment names kube-system as base, one
   * of its Secrets to copy (even one labelled for copying) and admin access for themselves. It is
   * refused: no namespace, no copy anywhere, and mallory may read nothing. The control: the same
   * request against an allowed base, with a role the admin allows, does give mallory the opted-in
   * Secret and only it.
   */
  @Test
  void aBranchCannotReadKubeSystemSecretsButAnAllowedBaseWorks() {
    KubernetesClient client = cluster.client();
    String stolen = "e2e-signing-key-" + Long.toString(System.nanoTime(), 36);
    client.resource(new SecretBuilder().withNewMetadata().withName(stolen).withNamespace("kube-system")
        .addToLabels(COPY_LABEL, "true").endMetadata()
        .withStringData(Map.of("key", "cluster-private")).build()).create();
    try {
      String attackBranch = "attack/" + stolen;
      client.resource(Serialization.unmarshal("""
          apiVersion: eider.dev/v1alpha1
          kind: BranchDeployment
          metadata:
            name: attack
            labels: {%s: %s}
          spec:
            branch: "%s"
            baseNamespace: kube-system
            assets: {from: none}
            database: {mode: empty}
            secrets: [%s, eider-storage]
            access: {users: [mallory], role: admin}
          """.formatted(EiderOperator.OWNER_LABEL, base, attackBranch, stolen), BranchDeployment.class)).create();
      await().atMost(Duration.ofSeconds(60)).until(() -> condition("attack", "Ready").filter(c -> "InvalidSpec".equals(c.getReason())).isPresent());
      String message = condition("attack", "Ready").orElseThrow().getMessage();
      assertThat(message).contains("spec.baseNamespace: 'kube-system' is a system namespace")
          .contains("spec.access.role: 'admin' is not a role branches may grant")
          .contains("spec.secrets[1]: 'eider-storage' holds production's credentials and is never copied into a branch");
      String attackNamespace = BranchNames.of(attackBranch).namespace();
      assertThat(client.namespaces().withName(attackNamespace).get()).as("the branch namespace").isNull();
      assertThat(client.secrets().inAnyNamespace().withField("metadata.name", stolen).list().getItems())
          .as("copies of the kube-system Secret").extracting(secret -> secret.getMetadata().getNamespace()).containsExactly("kube-system");
      assertThat(mallory("get", attackNamespace, stolen)).isFalse();
      assertThat(mallory("get", "kube-system", stolen)).isFalse();

      // The control: an allowed base and role. Only the opted-in Secret is copied; the other is named.
      String allowedBranch = "allowed/" + stolen;
      client.resource(Serialization.unmarshal("""
          apiVersion: eider.dev/v1alpha1
          kind: BranchDeployment
          metadata:
            name: allowed
            labels: {%s: %s}
          spec:
            branch: "%s"
            baseNamespace: %s
            assets: {from: none}
            database: {mode: empty}
            secrets: [bluesky-credentials, payments-db]
            access: {users: [mallory], role: edit}
          """.formatted(EiderOperator.OWNER_LABEL, base, allowedBranch, base), BranchDeployment.class)).create();
      String allowedNamespace = BranchNames.of(allowedBranch).namespace();
      await().atMost(Duration.ofSeconds(60)).until(() -> condition("allowed", "NamespaceReady")
          .filter(c -> "SecretsMissing".equals(c.getReason())).isPresent());
      assertThat(condition("allowed", "NamespaceReady").orElseThrow().getMessage())
          .contains("payments-db (no Secret of that name labelled eider.dev/branch-copy=true in " + base + ")")
          .doesNotContain("bluesky-credentials");
      assertThat(client.secrets().inNamespace(allowedNamespace).withName("bluesky-credentials").get()).isNotNull();
      assertThat(client.secrets().inNamespace(allowedNamespace).withName("payments-db").get()).as("not opted in").isNull();
      assertThat(mallory("get", allowedNamespace, "bluesky-credentials")).as("edit in the branch namespace").isTrue();
      assertThat(mallory("get", base, "payments-db")).as("nothing outside it").isFalse();

      client.resources(BranchDeployment.class).withName("allowed").delete();
      client.resources(BranchDeployment.class).withName("attack").delete();
      await().atMost(Duration.ofMinutes(2)).until(() -> client.resources(BranchDeployment.class).withName("allowed").get() == null
          && client.resources(BranchDeployment.class).withName("attack").get() == null);
      assertThat(client.namespaces().withName(attackNamespace).get()).isNull();
    } finally {
      client.secrets().inNamespace("kube-system").withName(stolen).delete();
    }
  }

  /** What the API server answers when mallory asks whether she may {@code verb} a Secret (kubectl auth can-i). */
  private static boolean mallory(String verb, String namespace, String secret) {
    SubjectAccessReview review = cluster.client().authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec().withUser("mallory")
        .withNewResourceAttributes().withNamespace(namespace).withVerb(verb).withResource("secrets").withName(secret).endResourceAttributes()
        .endSpec().build());
    return Boolean.TRUE.equals(review.getStatus().getAllowed());
  }

  private java.util.Optional<Condition> condition(String name, String type) {
    BranchDeployment deployment = cluster.client().resources(BranchDeployment.class).withName(name).get();
    return deployment == null || deployment.getStatus() == null ? java.util.Optional.empty()
        : deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  @Test
  void expiredBranchDeletesItself() {
    KubernetesClient client = cluster.client();
    client.resource(Serialization.unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata:
          name: short-lived
          labels: {%s: %s}
        spec:
          branch: "%s"
          baseNamespace: %s
          assets: {from: none}
          database: {mode: empty}
          ttl: 15s
        """.formatted(EiderOperator.OWNER_LABEL, base, TTL_BRANCH, base), BranchDeployment.class)).create();
    String namespace = BranchNames.of(TTL_BRANCH).namespace();
    await().atMost(Duration.ofSeconds(60)).until(() -> client.namespaces().withName(namespace).get() != null);
    assertThat(client.resources(Asset.class).inNamespace(namespace).list().getItems()).as("from: none copies nothing").isEmpty();
    await().atMost(Duration.ofMinutes(2)).until(() -> client.resources(BranchDeployment.class).withName("short-lived").get() == null);
    await().atMost(Duration.ofMinutes(1)).until(() -> client.namespaces().withName(namespace).get() == null);
  }

  private boolean conditionIs(String name, String type) {
    BranchDeployment deployment = cluster.client().resources(BranchDeployment.class).withName(name).get();
    return deployment != null && deployment.getStatus() != null && deployment.getStatus().getConditions().stream()
        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private Map<String, String> changes(String name) {
    BranchDeployment deployment = cluster.client().resources(BranchDeployment.class).withName(name).get();
    Map<String, String> changes = new TreeMap<>();
    if (deployment != null && deployment.getStatus() != null) {
      for (AssetChange change : deployment.getStatus().getChanges()) {
        changes.put(change.getAsset(), change.getChange().name());
      }
    }
    return changes;
  }

  /** Keys and ETags of the objects under {@code prefix}, leaving out those under {@code except}. */
  private static Map<String, String> objects(String prefix, String except) {
    Map<String, String> objects = new TreeMap<>();
    s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(TestCluster.BUCKET).prefix(prefix).build()).contents()
        .forEach(object -> {
          if (except == null || !object.key().startsWith(except)) {
            objects.put(object.key(), object.eTag());
          }
        });
    return objects;
  }

  private static java.util.Optional<String> etag(String database) {
    return WarehouseDownload.etag(cluster.s3(), database);
  }

  /** The one value {@code sql} selects, as text, in a copy of the {@code s3://} database. */
  static String scalar(String database, String sql) {
    return WarehouseDownload.scalar(cluster.s3(), database, TestCluster.tempDir("eider-staging"), sql);
  }

  /** Rows of {@code table} in a copy of the {@code s3://} database. */
  private static long rows(String database, String table) {
    return Long.parseLong(scalar(database, "select count(*) from " + table));
  }


  private static Stream<String> productionAssetsStream(String starterPack) {
    return Stream.of("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: starter-pack-snapshot}
        spec:
          ingest: {bluesky: {starterPack: {}}}
          partitions: {static: ["%s"]}
          automation: {cron: {schedule: "0 0 * * *"}, onMissing: true}
          pool: ingestion
        """.formatted(starterPack), """
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: actor-feed-snapshot}
        spec:
          ingest: {bluesky: {authorFeed: {mode: incremental}}}
          deps: [{asset: starter-pack-snapshot, partitionMapping: all}]
          partitions: {dynamic: {fromAsset: starter-pack-snapshot}}
          automation: {eager: true}
          pool: ingestion
        """, """
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: latest-feed}
        spec:
          description: every post once
          transform: {models: [latest_feed]}
          deps: [{asset: actor-feed-snapshot, partitionMapping: all}]
          automation: {eager: true}
        """, """
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: all-profiles}
        spec:
          transform: {models: [all_profiles]}
          deps: [{asset: starter-pack-snapshot, partitionMapping: all}]
          automation: {eager: true}
        """);
  }

  private static java.util.List<String> productionAssets(String starterPack) {
    return productionAssetsStream(starterPack).toList();
  }
}
