package dev.eider.operator.workerjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * What every worker pod must look like with the default configuration, written out literally (not
 * computed by the code under test), for the tests of each kind of worker Job.
 */
public final class HardenedWorkerPod {

  static final PodSecurityContext POD_SECURITY = yaml("""
      runAsNonRoot: true
      runAsUser: 10001
      runAsGroup: 10001
      fsGroup: 10001
      seccompProfile: {type: RuntimeDefault}
      """, PodSecurityContext.class);
  static final SecurityContext CONTAINER_SECURITY = yaml("""
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
      readOnlyRootFilesystem: true
      runAsNonRoot: true
      """, SecurityContext.class);
  static final Volume TMP = yaml("{name: tmp, emptyDir: {sizeLimit: 2Gi}}", Volume.class);
  static final VolumeMount TMP_MOUNT = yaml("{name: tmp, mountPath: /tmp}", VolumeMount.class);
  public static final ResourceRequirements DEFAULT_RESOURCES = yaml("""
      requests: {cpu: 250m, memory: 512Mi}
      limits: {cpu: "1", memory: 2Gi}
      """, ResourceRequirements.class);
  static final List<EnvVar> POD_ENV = List.of(
      yaml("{name: TMPDIR, value: /tmp}", EnvVar.class),
      yaml("{name: EIDER_MEMORY_LIMIT_BYTES, valueFrom: {resourceFieldRef: {containerName: worker, resource: limits.memory, divisor: '1'}}}",
          EnvVar.class),
      yaml("{name: EIDER_CPU_LIMIT, valueFrom: {resourceFieldRef: {containerName: worker, resource: limits.cpu, divisor: '1'}}}",
          EnvVar.class));

  private HardenedWorkerPod() {}

  /** The pod and container of {@code job} run under the restricted profile with the default /tmp, limits and environment. */
  public static void assertHardened(Job job) {
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext()).isEqualTo(POD_SECURITY);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(pod.getContainers()).hasSize(1);
    Container container = pod.getContainers().get(0);
    assertThat(container.getName()).isEqualTo("worker");
    assertThat(container.getSecurityContext()).isEqualTo(CONTAINER_SECURITY);
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(pod.getVolumes()).contains(TMP);
    assertThat(container.getVolumeMounts()).contains(TMP_MOUNT);
    assertThat(container.getEnv()).containsAll(POD_ENV);
    assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotHaveDuplicates();
  }

  static <T> T yaml(String text, Class<T> type) {
    return Serialization.unmarshal("---\n" + text, type);
  }
}
