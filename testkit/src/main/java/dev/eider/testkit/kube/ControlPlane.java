package dev.eider.testkit.kube;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static ControlPlane shared;

  private final KubeAPIServer apiServer;
  private final Path kubeconfig;
  private final ControllerManagerProcess controllerManager;

  private ControlPlane(KubeAPIServer apiServer, Path kubeconfig, ControllerManagerProcess controllerManager) {
    this.apiServer = apiServer;
    this.kubeconfig = kubeconfig;
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
    KubeAPIServer apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(binaries.root().toString())
        .withApiServerVersion(binaries.version())
        .withOfflineMode(true)
        .withUpdateKubeConfig(false)
        // TTLAfterFinished is alpha on 1.20: without it the server silently drops the Job field.
        // The insecure port would otherwise open 8080, which concurrent runs would fight over.
        .withApiServerFlags(List.of("--feature-gates=TTLAfterFinished=true", "--insecure-port=0"))
        .build());
    apiServer.start();
    try {
      Path kubeconfig = Files.createTempFile("eider-kubeconfig", ".yaml");
      Files.writeString(kubeconfig, apiServer.getKubeConfigYaml());
      kubeconfig.toFile().deleteOnExit();
      ControllerManagerProcess controllerManager = ControllerManagerProcess.start(binaries, kubeconfig);
      awaitControllersRunning(apiServer, controllerManager);
      LOG.info("control plane up in {} ms, kubeconfig {}", (System.nanoTime() - started) / 1_000_000, kubeconfig);
      return new ControlPlane(apiServer, kubeconfig, controllerManager);
    } catch (IOException e) {
      apiServer.stop();
      throw new UncheckedIOException(e);
    }
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

  /** A kubeconfig file for processes (kubectl, the operator run as a process). */
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public synchronized void close() {
    controllerManager.close();
    apiServer.stop();
  }
}
