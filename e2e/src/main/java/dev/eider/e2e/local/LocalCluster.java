package dev.eider.e2e.local;

import dev.eider.testkit.kube.ContainerImages;
import dev.eider.testkit.kube.ControlPlane;
import dev.eider.testkit.kube.CrdInstaller;
import dev.eider.testkit.kube.KubeBinaries;
import dev.eider.testkit.kube.TestKubelet;
import dev.eider.testkit.s3.LocalS3;
import dev.eider.testkit.s3.S3Grant;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the sample pipeline needs on one machine, without Docker: the real control plane
 * (kube-apiserver, etcd, kube-controller-manager), a test kubelet running the worker image's pods
 * as local processes, and an in-JVM S3 server for the bucket.
 */
public final class LocalCluster implements AutoCloseable {

  public static final String BUCKET = "eider";

  private final ControlPlane controlPlane;
  private final KubernetesClient client;
  private final TestKubelet kubelet;
  private final LocalS3 s3;
  private final boolean owned;

  private LocalCluster(ControlPlane controlPlane, KubernetesClient client, TestKubelet kubelet, LocalS3 s3, boolean owned) {
    this.controlPlane = controlPlane;
    this.client = client;
    this.kubelet = kubelet;
    this.s3 = s3;
    this.owned = owned;
  }

  /** A cluster someone else started and will stop (the end-to-end tests' shared one). */
  public static LocalCluster shared(ControlPlane controlPlane, KubernetesClient client, TestKubelet kubelet, LocalS3 s3) {
    return new LocalCluster(controlPlane, client, kubelet, s3, false);
  }

  public static LocalCluster start(Path repo, Path workerJar, Path workDir) {
    ControlPlane controlPlane = ControlPlane.start(KubeBinaries.locate());
    KubernetesClient client = controlPlane.newClient();
    CrdInstaller.install(client, repo.resolve("crds"));
    TestKubelet kubelet = TestKubelet.start(client, ContainerImages.eider(workerJar), workDir.resolve("pods"));
    LocalS3 s3 = LocalS3.start(workDir.resolve("s3"), List.of(BUCKET));
    return new LocalCluster(controlPlane, client, kubelet, s3, true);
  }

  /** Creates {@code namespace} with the {@code eider-storage} Secret holding the S3 server's credentials. */
  public void prepareNamespace(String namespace) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
    client.resource(storageSecret(namespace)).serverSideApply();
  }

  /** The {@code eider-storage} Secret (the operator's default name) with the S3 server's credentials. */
  public static Secret storageSecret(String namespace) {
    return credentialsSecret(namespace, "eider-storage", Map.of(), LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
  }

  /**
   * The storage key of branch runs as docs/security.md grants it: read on {@code <prefix>/}, write
   * only under {@code <prefix>/branches/} and on the staging databases ({@code <prefix>/warehouse/eider_br_*}),
   * registered with {@code s3}; and the Secret {@code eider-branch-storage} holding it in the base
   * {@code namespace}, labelled so that every branch copies it.
   */
  public static Secret branchStorageSecret(LocalS3 s3, String bucket, String prefix, String namespace, String accessKey,
                                           String secretKey) {
    s3.addCredential(accessKey, secretKey, List.of(S3Grant.read(bucket, prefix + "/"), S3Grant.write(bucket, prefix + "/branches/"),
        S3Grant.write(bucket, prefix + "/warehouse/eider_br_")));
    return credentialsSecret(namespace, "eider-branch-storage", Map.of("eider.dev/branch-copy", "true"), accessKey, secretKey);
  }

  private static Secret credentialsSecret(String namespace, String name, Map<String, String> labels, String accessKey, String secretKey) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
        .withStringData(Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_REGION", LocalS3.REGION))
        .build();
  }

  /**
   * Operator configuration for one namespace on this machine: it watches the namespace's Assets,
   * keeps its Lease there, writes objects to the S3 server's bucket and tables to {@code warehouse},
   * a DuckDB file kept in that bucket ({@code s3://}), as on a cluster where every run is a pod of its own.
   * The namespace is production ({@code eider.production.namespaces}): its runs write the configured
   * prefix and {@code warehouse}, not a namespace's isolated ones.
   */
  public static Map<String, String> operatorProperties(String namespace, LocalS3 s3, String warehouse) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("quarkus.operator-sdk.controllers.asset.namespaces", namespace);
    properties.put("eider.leader-election.lease-namespace", namespace);
    properties.put("eider.storage.endpoint", s3.endpoint().toString());
    properties.put("eider.storage.bucket", BUCKET);
    properties.put("eider.warehouse.connection", warehouse);
    properties.put("eider.production.namespaces", namespace);
    return properties;
  }

  /** {@code s3://<bucket>/<key>} of a DuckDB file in the S3 server's bucket. */
  public static String warehouse(String key) {
    return "s3://" + BUCKET + "/" + key;
  }

  public KubernetesClient client() {
    return client;
  }

  public Path kubeconfig() {
    return controlPlane.kubeconfig();
  }

  /** The kubeconfig of the operator process: a bearer token, as in a pod ({@link ControlPlane#tokenKubeconfig()}). */
  public Path operatorKubeconfig() {
    return controlPlane.tokenKubeconfig();
  }

  public LocalS3 s3() {
    return s3;
  }

  public TestKubelet kubelet() {
    return kubelet;
  }

  @Override
  public void close() {
    if (!owned) {
      return;
    }
    kubelet.close();
    client.close();
    s3.close();
    controlPlane.close();
  }
}
