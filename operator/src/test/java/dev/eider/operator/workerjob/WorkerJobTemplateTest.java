package dev.eider.operator.workerjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.platform.TestEiderConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pod every worker runs in: restricted security, scratch /tmp, limits the worker reads back, the warehouse volume. */
class WorkerJobTemplateTest {

  final TestEiderConfig config = new TestEiderConfig();

  @Test
  void defaultsGiveTheHardenedPodWithOnlyTmpMounted() {
    Job job = build(container(null, true));

    HardenedWorkerPod.assertHardened(job);
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).containsExactly(HardenedWorkerPod.TMP);
    assertThat(worker(job).getVolumeMounts()).containsExactly(HardenedWorkerPod.TMP_MOUNT);
    assertThat(worker(job).getResources()).isEqualTo(HardenedWorkerPod.DEFAULT_RESOURCES);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "x");
  }

  @Test
  void securityContextSizeLimitPullPolicyAndResourcesAreConfigurable() {
    config.worker.security.runAsUser = 2000;
    config.worker.security.runAsGroup = 3000;
    config.worker.security.fsGroup = 4000;
    config.worker.tmpSizeLimit = "500Mi";
    config.worker.imagePullPolicy = "Always";
    config.worker.resources.limitsMemory = "4Gi";

    Job job = build(container(null, false));

    var security = job.getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(List.of(security.getRunAsUser(), security.getRunAsGroup(), security.getFsGroup())).containsExactly(2000L, 3000L, 4000L);
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes().get(0).getEmptyDir().getSizeLimit().toString()).isEqualTo("500Mi");
    assertThat(worker(job).getImagePullPolicy()).isEqualTo("Always");
    assertThat(worker(job).getResources().getLimits().get("memory").toString()).isEqualTo("4Gi");
  }

  @Test
  void anAssetsResourcesWinPerEntryAndARequestAboveTheDefaultLimitRaisesIt() {
    ResourceRequirements own = HardenedWorkerPod.yaml("requests: {memory: 3Gi}\nlimits: {cpu: '2'}", ResourceRequirements.class);

    assertThat(worker(build(container(own, false))).getResources()).isEqualTo(HardenedWorkerPod.yaml("""
        requests: {cpu: 250m, memory: 3Gi}
        limits: {cpu: "2", memory: 3Gi}
        """, ResourceRequirements.class));
    ResourceRequirements small = HardenedWorkerPod.yaml("limits: {cpu: 100m, memory: 256Mi}", ResourceRequirements.class);
    assertThat(worker(build(container(small, false))).getResources()).isEqualTo(HardenedWorkerPod.yaml("""
        requests: {cpu: 100m, memory: 256Mi}
        limits: {cpu: 100m, memory: 256Mi}
        """, ResourceRequirements.class));
  }

  @Test
  void thePodsOwnVariablesWinOverTheCommands() {
    List<EnvVar> env = List.of(new EnvVar("A", "1", null), new EnvVar("TMPDIR", "/elsewhere", null),
        new EnvVar("EIDER_CPU_LIMIT", "64", null));

    Container worker = worker(build(new WorkerContainer("img", null, List.of(), env, List.of(), null, false)));

    assertThat(worker.getEnv()).containsExactlyElementsOf(
        List.of(new EnvVar("A", "1", null), HardenedWorkerPod.POD_ENV.get(0), HardenedWorkerPod.POD_ENV.get(1), HardenedWorkerPod.POD_ENV.get(2)));
  }

  @Test
  void aFilePathWarehouseIsMountedFromItsClaimIntoPodsThatUseTheWarehouse() {
    config.warehouse.connection = Optional.of("/var/lib/eider/eider.duckdb");
    config.warehouse.volumeClaim = Optional.of("eider-warehouse");

    Job transform = build(container(null, true));
    Job ingest = build(container(null, false));

    assertThat(transform.getSpec().getTemplate().getSpec().getVolumes()).containsExactly(HardenedWorkerPod.TMP,
        HardenedWorkerPod.yaml("{name: warehouse, persistentVolumeClaim: {claimName: eider-warehouse}}", io.fabric8.kubernetes.api.model.Volume.class));
    assertThat(worker(transform).getVolumeMounts()).containsExactly(HardenedWorkerPod.TMP_MOUNT,
        HardenedWorkerPod.yaml("{name: warehouse, mountPath: /var/lib/eider}", io.fabric8.kubernetes.api.model.VolumeMount.class));
    assertThat(ingest.getSpec().getTemplate().getSpec().getVolumes()).containsExactly(HardenedWorkerPod.TMP);
  }

  private Job build(WorkerContainer container) {
    return new WorkerJobTemplate(config).build(new ObjectMetaBuilder().withName("j").withNamespace("n").addToLabels("app", "x").build(),
        Duration.ofMinutes(10), container);
  }

  private static WorkerContainer container(ResourceRequirements resources, boolean usesWarehouse) {
    return new WorkerContainer("ghcr.io/eider/worker:0.1.0", null, List.of("transform"), List.of(), List.of(), resources, usesWarehouse);
  }

  private static Container worker(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
