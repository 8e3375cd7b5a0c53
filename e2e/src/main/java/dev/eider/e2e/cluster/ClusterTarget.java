package dev.eider.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 *       empty: built here into {@code EIDER_CLUSTER_DOCKER_HOST} by e2e/bin/build-images.sh;</li>
 *   <li>{@code EIDER_CLUSTER_STARTING}: a file that appears when a cluster starting beside the
 *       build is up (a line starting with {@code up}) or failed to start (anything else, with
 *       why); the lookup waits for it (bin/test starts the real node this way).</li>
 * </ul>
 */
public record ClusterTarget(Path kubeconfig, String hostAddress, Optional<String> apiServer, Optional<String> dockerHost,
                            Optional<String> operatorImage, Optional<String> workerImage) {

  public static final String KUBECONFIG = "EIDER_CLUSTER_KUBECONFIG";
  public static final String HOST_ADDRESS = "EIDER_CLUSTER_HOST_ADDRESS";

  public static final String STARTING = "EIDER_CLUSTER_STARTING";
  /** How long a cluster starting beside the build may take: a cold start builds the base image. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(30);

  /**
   * The cluster the environment names, or why there is none (one line, for a skipped test). A
   * cluster still starting is waited for; one that failed to start is an error, not a skip.
   */
  public static Lookup fromEnvironment(Map<String, String> env) {
    value(env, STARTING).ifPresent(status -> awaitStarted(Path.of(status), START_TIMEOUT));
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

  /**
   * Waits until {@code status} says the cluster is up; throws when it says the start failed (its
   * text, e.g. the end of the start's log) or when it has not appeared within {@code timeout}.
   */
  static void awaitStarted(Path status, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try {
      while (!Files.exists(status)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the real cluster did not start within " + timeout.toSeconds() + " s: " + status + " never appeared");
        }
        Thread.sleep(500);
      }
      String text = Files.readString(status).strip();
      if (!text.startsWith("up")) {
        throw new IllegalStateException("the real cluster did not start: " + text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the real cluster to start", e);
    }
  }

  /** The outcome of {@link #fromEnvironment}: a cluster, or the reason there is none. */
  public record Lookup(Optional<ClusterTarget> target, String reason) {}

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
