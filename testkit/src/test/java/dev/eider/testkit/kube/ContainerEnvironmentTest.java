package dev.eider.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvironmentTest {

  @Test
  void expandsDefinedVariablesLikeKubernetes() {
    Map<String, String> env = Map.of("BUCKET", "raw", "EMPTY", "");
    assertThat(ContainerEnvironment.expand("s3://$(BUCKET)/x", env)).isEqualTo("s3://raw/x");
    assertThat(ContainerEnvironment.expand("$(EMPTY)-$(MISSING)", env)).isEqualTo("-$(MISSING)");
    assertThat(ContainerEnvironment.expand("$$(BUCKET) costs $5", env)).isEqualTo("$(BUCKET) costs $5");
  }

  @Test
  void resourceFieldRefsGiveLimitsAndRequestsInDivisorUnitsRoundedUp() throws Exception {
    io.fabric8.kubernetes.api.model.Pod pod = io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
        ---
        metadata: {name: p, namespace: n}
        spec:
          containers:
          - name: worker
            resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {cpu: 1500m, memory: 2Gi}}
        """, io.fabric8.kubernetes.api.model.Pod.class);
    io.fabric8.kubernetes.api.model.Container worker = pod.getSpec().getContainers().get(0);

    assertThat(ContainerEnvironment.resource(pod, worker, selector("limits.memory", "1"))).isEqualTo("2147483648");
    assertThat(ContainerEnvironment.resource(pod, worker, selector("limits.memory", "1Mi"))).isEqualTo("2048");
    assertThat(ContainerEnvironment.resource(pod, worker, selector("limits.cpu", "1"))).isEqualTo("2");
    assertThat(ContainerEnvironment.resource(pod, worker, selector("requests.cpu", "1m"))).isEqualTo("250");
  }

  private static io.fabric8.kubernetes.api.model.ResourceFieldSelector selector(String resource, String divisor) {
    return new io.fabric8.kubernetes.api.model.ResourceFieldSelectorBuilder().withContainerName("worker").withResource(resource)
        .withDivisor(new io.fabric8.kubernetes.api.model.Quantity(divisor)).build();
  }
}
