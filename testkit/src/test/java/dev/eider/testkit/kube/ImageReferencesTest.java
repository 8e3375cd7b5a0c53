package dev.eider.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test kubelet refuses the image references a v1.20 kubelet cannot parse, with its message. */
class ImageReferencesTest {

  @Test
  void referencesTheKubeletParsesAreValid() {
    for (String image : new String[] {"busybox", "busybox:1.36", "ghcr.io/eider/worker:0.1.0", "localhost:5000/eider/worker",
        "eider.test/fake-worker", "registry.invalid/no-such-image:1",
        "ghcr.io/eider/worker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}) {
      assertThat(ImageReferences.invalid(image)).as(image).isEmpty();
    }
  }

  @Test
  void uppercaseRepositoryIsRefusedAsTheKubeletDoes() {
    assertThat(ImageReferences.invalid("ghcr.io/Eider/worker:1")).contains("Failed to apply default image tag \"ghcr.io/Eider/worker:1\": "
        + "couldn't parse image reference \"ghcr.io/Eider/worker:1\": invalid reference format: repository name must be lowercase");
  }

  @Test
  void malformedReferencesAreRefused() {
    assertThat(ImageReferences.invalid("ghcr.io/eider/worker:bad tag")).get().asString().endsWith(": invalid reference format");
    assertThat(ImageReferences.invalid("ghcr.io/eider/worker@sha256:abc")).get().asString().endsWith(": invalid reference format");
    assertThat(ImageReferences.invalid("worker::1")).get().asString().endsWith(": invalid reference format");
  }
}
