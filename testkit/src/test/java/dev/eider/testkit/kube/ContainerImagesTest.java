package dev.eider.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerImagesTest {

  final ContainerImages images = new ContainerImages().map("ghcr.io/eider/worker", List.of("java", "-jar", "w.jar"))
      .mapToHost("busybox");

  @Test
  void matchesImagesByRepositoryWhateverTheTagOrDigest() {
    assertThat(images.commandLine("ghcr.io/eider/worker:0.1.0", null, List.of("version")))
        .contains(List.of("java", "-jar", "w.jar", "version"));
    assertThat(images.commandLine("ghcr.io/eider/worker@sha256:abc", null, List.of())).contains(List.of("java", "-jar", "w.jar"));
    assertThat(images.commandLine("localhost:5000/busybox", List.of("true"), null)).isEmpty();
  }

  @Test
  void commandReplacesTheEntrypointAndArgsFollow() {
    assertThat(images.commandLine("busybox:1.36", List.of("sh", "-c"), List.of("exit 3"))).contains(List.of("sh", "-c", "exit 3"));
    assertThat(images.commandLine("busybox", List.of(), List.of())).isEmpty();
  }

  @Test
  void theWorkerRunsWithTheClassArchiveNextToItsJar(@TempDir Path dir) throws Exception {
    Path jar = Files.writeString(dir.resolve("eider-worker.jar"), "");
    Files.writeString(dir.resolve("eider-worker.jsa"), "");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    assertThat(ContainerImages.eider(jar).commandLine("ghcr.io/eider/worker:0.1.0", null, List.of("version"))).contains(List.of(
        java, "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=" + dir.resolve("eider-worker.jsa"), "-jar", jar.toString(), "version"));
  }

  @Test
  void aWorkerJarWithoutItsClassArchiveIsRefusedNamingTheArchive(@TempDir Path dir) throws Exception {
    Path jar = Files.writeString(dir.resolve("eider-worker.jar"), "");

    assertThatThrownBy(() -> ContainerImages.eider(jar)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the worker's class archive " + dir.resolve("eider-worker.jsa") + " is missing: build it with `mvn -pl worker-image package`");
  }
}
