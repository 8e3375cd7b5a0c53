package dev.eider.e2e.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The operator and worker images a cluster runs: given by the environment, or built here. */
public record ClusterImages(String operator, String worker) {

  /**
   * The images {@code target} names, else built into its Docker engine with
   * {@code e2e/bin/build-images.sh all} (the jars must be built; Docker's layer cache makes an
   * unchanged rebuild free).
   */
  public static ClusterImages resolve(ClusterTarget target, Path repo) throws IOException, InterruptedException {
    if (target.operatorImage().isPresent() && target.workerImage().isPresent()) {
      return new ClusterImages(target.operatorImage().get(), target.workerImage().get());
    }
    String dockerHost = target.dockerHost().orElseThrow(() -> new IllegalStateException(
        "set EIDER_OPERATOR_IMAGE and EIDER_WORKER_IMAGE, or EIDER_CLUSTER_DOCKER_HOST to build them"));
    ProcessBuilder build = new ProcessBuilder("bash", repo.resolve("e2e/bin/build-images.sh").toString(), "all")
        .directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    build.environment().put("DOCKER_HOST", dockerHost);
    Process process = build.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("e2e/bin/build-images.sh failed (exit " + process.exitValue() + "): " + output);
    }
    List<String> images = output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    String operator = images.stream().filter(image -> image.contains("/operator:")).findFirst().orElseThrow();
    String worker = images.stream().filter(image -> image.contains("/worker:")).findFirst().orElseThrow();
    return new ClusterImages(target.operatorImage().orElse(operator), target.workerImage().orElse(worker));
  }

  /** {@code repository} and {@code tag} of an image reference, as the chart's values take them. */
  static String[] split(String image) {
    int colon = image.lastIndexOf(':');
    if (colon < 0 || image.indexOf('/', colon) >= 0) {
      return new String[] {image, "latest"};
    }
    return new String[] {image.substring(0, colon), image.substring(colon + 1)};
  }
}
