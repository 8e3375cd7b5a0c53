package dev.eider.e2e.branch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.LocalCluster;
import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.local.WarehouseDownload;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.branch.database.DatabaseJobs;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The operator killed at later points of a branch's teardown than {@link BranchDeploymentTest}'s
 * (which kills it as the namespace goes): while the drop Job runs, and when the drop has succeeded
 * but the finalizer is not yet released. The operator is frozen (SIGSTOP) the moment the drop Job
 * appears, so the point is reached for sure, then killed (SIGKILL) and started again: the
 * teardown still completes, with one drop, and leaves no namespace, database or object behind.
 */
class BranchTeardownRestartTest {

  /** Its own key: the test cluster's S3 is shared by every test class of the JVM, and keys are unique there. */
  static final String BRANCH_KEY = "eider-branch-restart";


  private static final TestCluster cluster = TestCluster.get();
  private static String base;
  private static EiderOperator eider;
  private static S3Client s3;
  private OperatorProcess operator;

  @BeforeAll
  static void baseNamespace() {
    base = cluster.newNamespace("teardown");
    eider = EiderOperator.forNamespace(cluster, base)
        .with("quarkus.operator-sdk.controllers.asset.namespaces", base + "," + BranchNames.of(branch("drop")).namespace()
            + "," + BranchNames.of(branch("release")).namespace())
        // The real worker, so the drop Job really deletes the staging database and the branch's objects.
        .with("eider.worker.image", "ghcr.io/eider/worker:test");
    KubernetesClient client = cluster.client();
    client.namespaces().withName(base).edit(ns -> new io.fabric8.kubernetes.api.model.NamespaceBuilder(ns)
        .editMetadata().addToLabels(BranchDeploymentTest.BASE_LABEL, "true").endMetadata().build());
    client.resource(LocalCluster.branchStorageSecret(cluster.s3(), TestCluster.BUCKET, base, base,
        BRANCH_KEY, BranchDeploymentTest.BRANCH_SECRET)).create();
    s3 = WarehouseDownload.client(cluster.s3());
  }

  @AfterAll
  static void closeClient() {
    if (s3 != null) {
      s3.close();
    }
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void operatorKilledWhileTheDropJobRunsFinishesTheTeardownAfterARestart() throws Exception {
    Branch branch = createBranch("drop");
    // Frozen as soon as the drop Job exists, before the Job can finish: then killed.
    deleteAndFreezeAtTheDropJob(branch);
    Job drop = dropJob(branch).orElseThrow();
    assertThat(drop.getStatus() == null || drop.getStatus().getSucceeded() == null || drop.getStatus().getSucceeded() == 0)
        .as("the drop Job had not finished when the operator stopped").isTrue();
    assertThat(finalizers(branch)).as("teardown not finished").isNotEmpty();

    restartAfterKill();

    assertTornDown(branch);
  }

  @Test
  void operatorKilledJustBeforeReleasingTheFinalizerReleasesItAfterARestart() throws Exception {
    Branch branch = createBranch("release");
    deleteAndFreezeAtTheDropJob(branch);
    // The drop runs to its end without the operator (the kubelet runs the pod): everything is gone
    // but the finalizer, which only the operator releases.
    await().atMost(Duration.ofMinutes(2)).until(() -> dropJob(branch).map(job -> job.getStatus() != null
        && job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() == 1).orElse(false));
    assertThat(WarehouseDownload.etag(cluster.s3(), branch.staging())).as("dropped by the Job").isEmpty();
    assertThat(finalizers(branch)).as("the finalizer, still there").isNotEmpty();

    restartAfterKill();

    assertTornDown(branch);
  }

  private record Branch(String name, String namespace, String staging, String objectPrefix) {}

  private static String branch(String suffix) {
    return "teardown/kill-" + suffix;
  }

  /** A branch with a staging database and an object of its own, both written here so the drop has something to delete. */
  private Branch createBranch(String suffix) {
    if (operator == null) {
      operator = eider.start();
    }
    KubernetesClient client = cluster.client();
    String name = "kill-" + suffix;
    client.resource(Serialization.unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata:
          name: %s
          labels: {%s: %s}
        spec:
          branch: "%s"
          baseNamespace: %s
          assets: {from: none}
          database: {mode: empty}
        """.formatted(name, EiderOperator.OWNER_LABEL, base, branch(suffix), base), BranchDeployment.class)).create();
    await().atMost(Duration.ofMinutes(2)).until(() -> {
      BranchDeployment current = client.resources(BranchDeployment.class).withName(name).get();
      return current != null && current.getStatus() != null && current.getStatus().getDatabase() != null
          && current.getStatus().getDatabase().getName() != null && current.getStatus().getConditions().stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    });
    BranchDeployment deployment = client.resources(BranchDeployment.class).withName(name).get();
    String staging = deployment.getStatus().getDatabase().getName();
    String objectPrefix = BranchNames.of(branch(suffix)).objectPrefix(base);
    s3.putObject(b -> b.bucket(TestCluster.BUCKET).key(staging.substring(LocalCluster.warehouse("").length())),
        RequestBody.fromString("staging database"));
    s3.putObject(b -> b.bucket(TestCluster.BUCKET).key(objectPrefix + "/latest-feed/raw.ndjson.gz"), RequestBody.fromString("{}"));
    assertThat(WarehouseDownload.etag(cluster.s3(), staging)).isPresent();
    return new Branch(name, deployment.getStatus().getNamespace(), staging, objectPrefix);
  }

  private void deleteAndFreezeAtTheDropJob(Branch branch) throws Exception {
    cluster.client().resources(BranchDeployment.class).withName(branch.name()).delete();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> dropJob(branch).isPresent());
    signal(operator, "STOP");
    assertThat(operator.alive()).isTrue();
  }

  private void restartAfterKill() {
    operator.kill();
    operator = eider.start();
  }

  private void assertTornDown(Branch branch) {
    KubernetesClient client = cluster.client();
    await().atMost(Duration.ofMinutes(3)).until(() -> client.resources(BranchDeployment.class).withName(branch.name()).get() == null);
    assertThat(client.namespaces().withName(branch.namespace()).get()).isNull();
    assertThat(WarehouseDownload.etag(cluster.s3(), branch.staging())).as("the staging database").isEmpty();
    assertThat(s3.listObjectsV2(b -> b.bucket(TestCluster.BUCKET).prefix(branch.objectPrefix() + "/")).contents())
        .as("objects under the branch prefix").isEmpty();
    // One drop, not a second one started by the restarted operator.
    assertThat(operator.log()).doesNotContain(DatabaseJobs.dropName(branch.name(), branch.staging(), 2));
  }

  private Optional<Job> dropJob(Branch branch) {
    String name = DatabaseJobs.dropName(branch.name(), branch.staging(), 1);
    List<Job> jobs = cluster.client().batch().v1().jobs().inAnyNamespace().withField("metadata.name", name).list().getItems();
    return jobs.stream().findFirst();
  }

  private List<String> finalizers(Branch branch) {
    BranchDeployment deployment = cluster.client().resources(BranchDeployment.class).withName(branch.name()).get();
    assertThat(deployment).as("the BranchDeployment, still there").isNotNull();
    return deployment.getMetadata().getFinalizers();
  }

  private static void signal(OperatorProcess process, String signal) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor()).isZero();
  }
}
