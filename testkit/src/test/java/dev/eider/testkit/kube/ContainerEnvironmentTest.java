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
}
