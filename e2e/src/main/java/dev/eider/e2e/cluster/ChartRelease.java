package dev.eider.e2e.cluster;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A release of the Helm chart ({@code helm/eider}), installed for real with Helm (helm-java's
 * native Helm: CRDs first, then every object, then a wait until the operator's Deployment is
 * ready, which needs its startup, liveness and readiness probes to pass).
 */
public final class ChartRelease implements AutoCloseable {

  private final String name;
  private final String namespace;
  private final Path kubeconfig;

  private ChartRelease(String name, String namespace, Path kubeconfig) {
    this.name = name;
    this.namespace = namespace;
    this.kubeconfig = kubeconfig;
  }

  /** Installs the chart as {@code name} in {@code namespace} (created) with {@code values}, and waits until it is ready. */
  public static ChartRelease install(Path repo, Path kubeconfig, String name, String namespace, Map<String, Object> values,
                                     Path workDir) throws IOException {
    Files.createDirectories(workDir);
    Path valuesFile = workDir.resolve(name + "-values.yaml");
    Files.writeString(valuesFile, Serialization.asYaml(values));
    Release release = new Helm(repo.resolve("helm/eider")).install()
        .withName(name).withNamespace(namespace).createNamespace()
        .withKubeConfig(kubeconfig).withValuesFile(valuesFile)
        .waitReady().withTimeout(300)
        .call();
    if (!"deployed".equals(release.getStatus())) {
      throw new IllegalStateException("helm install " + name + " ended " + release.getStatus() + ": " + release.getOutput());
    }
    return new ChartRelease(name, namespace, kubeconfig);
  }

  public String name() {
    return name;
  }

  public String namespace() {
    return namespace;
  }

  /** {@code helm uninstall}: the chart's objects go; the CRDs stay (Helm never deletes CRDs). */
  @Override
  public void close() {
    Helm.uninstall(name).withNamespace(namespace).withKubeConfig(kubeconfig).ignoreNotFound().call();
  }
}
