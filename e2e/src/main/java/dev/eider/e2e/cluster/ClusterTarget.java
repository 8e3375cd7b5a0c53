package dev.eider.e2e.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A real cluster to install Eider on, named by the environment so the same code runs on the
 * project's real node (e2e/bin/real-node.sh prints these variables), k3s or kind:
 * <ul>
 *   <li>{@code EIDER_CLUSTER_KUBECONFIG}: an admin kubeconfig (required);</li>
 *   <li>{@code EIDER_CLUSTER_HOST_ADDRESS}: the address at which pods reach this machine, where the
 *       S3 server and the fake Bluesky listen (required);</li>
 *   <li>{@code EIDER_CLUSTER_API_SERVER}: {@code host:port} at which pods reach the API server,
 *       for clusters without kube-proxy (the real node); empty: the in-cluster default;</li>
 *   <li>{@code EIDER_OPERATOR_IMAGE}, {@code EIDER_WORKER_IMAGE}: images the cluster can run;
 *       empty: built here into {@code EIDER_CLUSTER_DOCKER_HOST} by e2e/bin/build-images.sh.</li>
 * </ul>
 */
public record ClusterTarget(Path kubeconfig, String hostAddress, Optional<String> apiServer, Optional<String> dockerHost,
                            Optional<String> operatorImage, Optional<String> workerImage) {

  public static final String KUBECONFIG = "EIDER_CLUSTER_KUBECONFIG";
  public static final String HOST_ADDRESS = "EIDER_CLUSTER_HOST_ADDRESS";

  /** The cluster the environment names, or why there is none (one line, for a skipped test). */
  public static Lookup fromEnvironment(Map<String, String> env) {
    String kubeconfig = value(env, KUBECONFIG).orElse(null);
    if (kubeconfig == null) {
      return new Lookup(Optional.empty(), "no real cluster: " + KUBECONFIG + " is not set (`eval \"$(e2e/bin/real-node.sh up)\"` starts one)");
    }
    if (!Files.isReadable(Path.of(kubeconfig))) {
      return new Lookup(Optional.empty(), "no real cluster: " + KUBECONFIG + "=" + kubeconfig + " cannot be read");
    }
    Optional<String> host = value(env, HOST_ADDRESS);
    if (host.isEmpty()) {
      return new Lookup(Optional.empty(), "no real cluster: " + HOST_ADDRESS + " (where pods reach this machine) is not set");
    }
    return new Lookup(Optional.of(new ClusterTarget(Path.of(kubeconfig), host.get(), value(env, "EIDER_CLUSTER_API_SERVER"),
        value(env, "EIDER_CLUSTER_DOCKER_HOST"), value(env, "EIDER_OPERATOR_IMAGE"), value(env, "EIDER_WORKER_IMAGE"))), "");
  }

  /** The outcome of {@link #fromEnvironment}: a cluster, or the reason there is none. */
  public record Lookup(Optional<ClusterTarget> target, String reason) {}

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
