package dev.eider.operator.branch.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.branch.BranchFixtures;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.platform.TestEiderConfig;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.workerjob.HardenedWorkerPod;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Clone and drop Jobs: the operator's image and credentials, production protected, never restarted, collected. */
class DatabaseJobsTest {

  final EiderConfig config = TestEiderConfig.with(Map.of("eider.warehouse.credentials-secret", "motherduck",
      "eider.storage.endpoint", "http://s3.local:9000"));
  final BranchDeployment deployment = BranchFixtures.sample();
  final StagingDatabase.Target target = (StagingDatabase.Target) StagingDatabase.decide("md:bluesky", List.of(), BranchNames.of("feature/top-links"));

  @Test
  void aCloneJobRunsTheWorkerWithProductionProtected() {
    String name = DatabaseJobs.cloneName("feature-top-links", "md:bluesky", target.staging().display(), null, 1);
    Job job = new DatabaseJobs(config).clone(deployment, "eider-system", name, 1, target);
    assertThat(job.getMetadata().getName()).isEqualTo(name).hasSizeLessThanOrEqualTo(63);
    assertThat(job.getMetadata().getNamespace()).isEqualTo("eider-system");
    assertThat(job.getMetadata().getLabels()).containsEntry(BranchLabels.DATABASE_OP, "clone").containsEntry(DatabaseJobs.ATTEMPT, "1")
        .containsEntry(BranchLabels.BRANCH_DEPLOYMENT, "feature-top-links");
    assertThat(job.getMetadata().getLabels()).contains(entry("app.kubernetes.io/name", "eider-worker"),
        entry("app.kubernetes.io/instance", "feature-top-links"), entry("app.kubernetes.io/component", "branch-database-clone"),
        entry("app.kubernetes.io/part-of", "eider"), entry("app.kubernetes.io/managed-by", "eider-operator"));
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(job.getMetadata().getLabels());
    assertThat(job.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo("0b6d-uid"));
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800);
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    var container = pod.getContainers().get(0);
    assertThat(container.getName()).isEqualTo("worker");
    assertThat(container.getImage()).isEqualTo("ghcr.io/eider/worker:0.1.0");
    assertThat(container.getArgs()).containsExactly("db", "clone", "--from", "md:bluesky", "--to", target.staging().display(), "--replace");
    Map<String, String> env = container.getEnv().stream().filter(var -> var.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env).containsEntry("EIDER_WAREHOUSE", "md:bluesky").containsEntry("EIDER_PROTECTED_DATABASES", "md:bluesky")
        .containsEntry("AWS_ENDPOINT_URL", "http://s3.local:9000");
    assertThat(container.getEnvFrom()).extracting(source -> source.getSecretRef().getName()).containsExactly("eider-storage", "motherduck");
  }

  @Test
  void aDropJobNamesTheStagingDatabaseAndTheBranchObjectPrefixWithProductionsProtected() {
    BranchNames names = BranchNames.of("feature/top-links");
    Job job = new DatabaseJobs(config).drop(deployment, "eider-system", "x-drop-1", 2, target.staging().display(), "md:bluesky",
        "md:bluesky", names);
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    // The same prefix as the branch namespace's eider.dev/object-prefix annotation (config.storage().prefix() is "raw").
    assertThat(names.objectPrefix(config.storage().prefix())).isEqualTo("raw/branches/" + names.key());
    assertThat(container.getArgs()).containsExactly("db", "drop", target.staging().display(),
        "--objects-prefix", "raw/branches/" + names.key());
    Map<String, String> env = container.getEnv().stream().filter(var -> var.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env).containsEntry("EIDER_PROTECTED_PREFIX", "raw").containsEntry("EIDER_BUCKET", "eider")
        .containsEntry("EIDER_PROTECTED_DATABASES", "md:bluesky").doesNotContainKey("EIDER_PREFIX");
    assertThat(DatabaseJobs.attemptOf(job)).isEqualTo(2);

    // A clone needs no object prefix.
    Job clone = new DatabaseJobs(config).clone(deployment, "eider-system", "x-clone-1", 1, target);
    assertThat(clone.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName)
        .doesNotContain("EIDER_PROTECTED_PREFIX");
  }

  @Test
  void cloneAndDropJobsRunInTheHardenedWorkerPod() {
    DatabaseJobs jobs = new DatabaseJobs(config);
    Job clone = jobs.clone(deployment, "eider-system", "x-clone-1", 1, target);
    Job drop = jobs.drop(deployment, "eider-system", "x-drop-1", 1, target.staging().display(), "md:bluesky", "md:bluesky",
        BranchNames.of("feature/top-links"));

    for (Job job : List.of(clone, drop)) {
      HardenedWorkerPod.assertHardened(job);
      var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getResources()).isEqualTo(HardenedWorkerPod.DEFAULT_RESOURCES);
      assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).extracting(io.fabric8.kubernetes.api.model.Volume::getName)
          .containsExactly("tmp");
    }
  }

  @Test
  void withAFilePathWarehouseCloneJobsMountItsClaimWhereProductionAndStagingFilesAre() {
    EiderConfig files = TestEiderConfig.with(Map.of("eider.warehouse.connection", "/data/bluesky.duckdb",
        "eider.warehouse.volume-claim", "eider-warehouse"));
    StagingDatabase.Target fileTarget = (StagingDatabase.Target) StagingDatabase.decide("/data/bluesky.duckdb", List.of(),
        BranchNames.of("feature/top-links"));

    Job clone = new DatabaseJobs(files).clone(deployment, "eider-system", "x-clone-1", 1, fileTarget);

    var pod = clone.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).singleElement()
        .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("eider-warehouse"));
    assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/tmp", "/data");
    assertThat(fileTarget.staging().display()).startsWith("/data/bluesky_br_");
  }

  @Test
  void jobNamesAreDeterministicAndFitALabel() {
    String longName = "pr-" + "x".repeat(240);
    String a = DatabaseJobs.cloneName(longName, "md:p", "md:s", "r", 12);
    assertThat(a).isEqualTo(DatabaseJobs.cloneName(longName, "md:p", "md:s", "r", 12)).hasSizeLessThanOrEqualTo(63).endsWith("-12");
    assertThat(a).isNotEqualTo(DatabaseJobs.cloneName(longName, "md:p", "md:s", "other", 12));
    assertThat(DatabaseJobs.dropName(longName, "md:s", 1)).hasSizeLessThanOrEqualTo(63).contains("drop-");
  }
}
