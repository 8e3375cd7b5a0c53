package dev.eider.testkit.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the test kubelet runs for an image: the image's ENTRYPOINT as a local command line. Images
 * are matched by repository, ignoring tag and digest, so {@code ghcr.io/eider/worker:0.1.0} and
 * {@code ghcr.io/eider/worker@sha256:...} both map to the worker jar.
 */
public final class ContainerImages {

  /** Repository of the Eider worker image, whatever its tag. */
  public static final String WORKER_REPOSITORY = "ghcr.io/eider/worker";
  /** An image whose containers run their {@code command} on this machine, like a minimal busybox. */
  public static final String HOST_SHELL_REPOSITORY = "busybox";

  private final Map<String, List<String>> entrypoints = new LinkedHashMap<>();

  /** The worker's class-data-sharing archive, which the worker's build dumps next to its jar for the build's JDK. */
  public static final String WORKER_CLASS_ARCHIVE = "eider-worker.jsa";

  /**
   * The worker image as the worker jar run by this JVM's java, with the archive of its classes
   * the build made next to it (the image's ENTRYPOINT is {@code java ... -XX:SharedArchiveFile=/app/eider-worker.jsa
   * -jar /app/eider-worker.jar}), and {@code busybox} as host commands.
   */
  public static ContainerImages eider(Path workerJar) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path archive = workerJar.resolveSibling(WORKER_CLASS_ARCHIVE);
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("the worker's class archive " + archive + " is missing: build it with `mvn -pl worker-image package`");
    }
    return new ContainerImages()
        .map(WORKER_REPOSITORY, List.of(java, "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=" + archive, "-jar", workerJar.toString()))
        .mapToHost(HOST_SHELL_REPOSITORY);
  }

  /** Runs containers of {@code repository} as {@code entrypoint} followed by the container's args. */
  public ContainerImages map(String repository, List<String> entrypoint) {
    entrypoints.put(repository, List.copyOf(entrypoint));
    return this;
  }

  /** Runs containers of {@code repository} as their own {@code command} on this machine (e.g. {@code sh -c}). */
  public ContainerImages mapToHost(String repository) {
    return map(repository, List.of());
  }

  /**
   * The command line for a container, as Kubernetes builds it: {@code command} replaces the
   * entrypoint, {@code args} follow it. Empty when the image is unknown (the pod cannot pull it).
   */
  Optional<List<String>> commandLine(String image, List<String> command, List<String> args) {
    List<String> entrypoint = entrypoints.get(repository(image));
    if (entrypoint == null) {
      return Optional.empty();
    }
    List<String> line = new ArrayList<>(command == null || command.isEmpty() ? entrypoint : command);
    if (args != null) {
      line.addAll(args);
    }
    return line.isEmpty() ? Optional.empty() : Optional.of(line);
  }

  static String repository(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int lastSlash = withoutDigest.lastIndexOf('/');
    int tagColon = withoutDigest.lastIndexOf(':');
    return tagColon > lastSlash ? withoutDigest.substring(0, tagColon) : withoutDigest;
  }
}
