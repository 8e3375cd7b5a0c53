package dev.eider.testkit.kube;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on this machine: etcd and kube-apiserver (through
 * io.fabric8:kube-api-test, offline) plus kube-controller-manager, so Jobs create Pods, owner
 * references are garbage collected and namespaces are really deleted. There is no kubelet and no
 * Node: pods are played by {@link TestKubelet}.
 *
 * <p>Starting takes a few seconds, so a test JVM shares one ({@link #shared()}) and isolates tests
 * by namespace.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  /** The user of {@link #tokenKubeconfig()}, in the API server's token file. */
  private static final String TOKEN_USER = "eider-token-admin";
  private static ControlPlane shared;

  private final KubeAPIServer apiServer;
  private final Path kubeconfig;
  private final Path tokenKubeconfig;
  private final ControllerManagerProcess controllerManager;

  private ControlPlane(KubeAPIServer apiServer, Path kubeconfig, Path tokenKubeconfig, ControllerManagerProcess controllerManager) {
    this.apiServer = apiServer;
    this.kubeconfig = kubeconfig;
    this.tokenKubeconfig = tokenKubeconfig;
    this.controllerManager = controllerManager;
  }

  /** The control plane of this JVM, started on first use and stopped when the JVM exits. */
  public static synchronized ControlPlane shared() {
    if (shared == null) {
      shared = start(KubeBinaries.locate());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "control-plane-stop"));
    }
    return shared;
  }

  public static ControlPlane start(KubeBinaries binaries) {
    long started = System.nanoTime();
    String token = newToken();
    Path tokens;
    try {
      tokens = temporaryFile("eider-apiserver-tokens", ".csv", token + "," + TOKEN_USER + "," + TOKEN_USER + ",\"system:masters\"\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KubeAPIServer apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(binaries.root().toString())
        .withApiServerVersion(binaries.version())
        .withOfflineMode(true)
        .withUpdateKubeConfig(false)
        // TTLAfterFinished is alpha on 1.20: without it the server silently drops the Job field.
        // The insecure port would otherwise open 8080, which concurrent runs would fight over.
        .withApiServerFlags(List.of("--feature-gates=TTLAfterFinished=true", "--insecure-port=0", "--token-auth-file=" + tokens))
        .build());
    apiServer.start();
    try {
      Path kubeconfig = temporaryFile("eider-kubeconfig", ".yaml", apiServer.getKubeConfigYaml());
      Path tokenKubeconfig = temporaryFile("eider-kubeconfig-token", ".yaml", withToken(apiServer.getKubeConfigYaml(), token));
      ControllerManagerProcess controllerManager = ControllerManagerProcess.start(binaries, kubeconfig);
      awaitControllersRunning(apiServer, controllerManager);
      LOG.info("control plane up in {} ms, kubeconfig {}", (System.nanoTime() - started) / 1_000_000, kubeconfig);
      return new ControlPlane(apiServer, kubeconfig, tokenKubeconfig, controllerManager);
    } catch (IOException e) {
      apiServer.stop();
      throw new UncheckedIOException(e);
    }
  }

  private static String newToken() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** A file only this user can read (it holds a credential), deleted when the JVM exits. */
  private static Path temporaryFile(String prefix, String suffix, String content) throws IOException {
    Path file = Files.createTempFile(prefix, suffix);
    file.toFile().deleteOnExit();
    return Files.writeString(file, content);
  }

  /** The kubeconfig {@code yaml} with its user's client certificate replaced by {@code token}. */
  private static String withToken(String yaml, String token) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    io.fabric8.kubernetes.api.model.Config config = serialization.unmarshal(yaml, io.fabric8.kubernetes.api.model.Config.class);
    config.getUsers().forEach(user -> user.setUser(new io.fabric8.kubernetes.api.model.AuthInfoBuilder().withToken(token).build()));
    return serialization.asYaml(config);
  }

  /**
   * Healthy is not yet working: the controllers start after the caches sync. The ServiceAccount
   * controller making namespace default's "default" ServiceAccount shows they run.
   */
  private static void awaitControllersRunning(KubeAPIServer apiServer, ControllerManagerProcess controllerManager) {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml())).build()) {
      long deadline = System.nanoTime() + ControllerManagerProcess.READY_TIMEOUT.toNanos();
      while (client.serviceAccounts().inNamespace("default").withName("default").get() == null) {
        if (System.nanoTime() > deadline) {
          controllerManager.close();
          apiServer.stop();
          throw new IllegalStateException("kube-controller-manager is healthy but its controllers made no default ServiceAccount within "
              + ControllerManagerProcess.READY_TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the controllers", e);
    }
  }

  /** A new client with cluster-admin rights (a system:masters certificate). Close it when done. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  public Config config() {
    return Config.fromKubeconfig(kubeconfigYaml());
  }

  public String kubeconfigYaml() {
    return apiServer.getKubeConfigYaml();
  }

  /** A kubeconfig file for processes (kubectl, helm) with cluster-admin rights (a system:masters certificate). */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /**
   * A kubeconfig file with the same rights as {@link #kubeconfig()} through a bearer token instead
   * of a client certificate: for operator processes, which connect as the operator does in a pod,
   * with its ServiceAccount's token. With a certificate, every TLS handshake signs with the
   * certificate's RSA key (about 11 ms under the operator's client compiler), and an operator
   * makes 30 to 50 handshakes as its informers start.
   */
  public Path tokenKubeconfig() {
    return tokenKubeconfig;
  }

  @Override
  public synchronized void close() {
    controllerManager.close();
    apiServer.stop();
  }
}
