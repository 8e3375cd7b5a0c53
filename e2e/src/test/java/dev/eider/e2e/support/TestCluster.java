package dev.eider.e2e.support;

import dev.eider.testkit.kube.ContainerImages;
import dev.eider.testkit.kube.ControlPlane;
import dev.eider.testkit.kube.CrdInstaller;
import dev.eider.testkit.kube.TestKubelet;
import dev.eider.testkit.s3.LocalS3;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The cluster every end-to-end test of this JVM shares: the real control plane, the test kubelet
 * running the worker jar for the worker image, and Eider's CRDs installed from {@code crds/}.
 * Tests isolate themselves with a namespace each ({@link #newNamespace}).
 */
public final class TestCluster {

  /** An image whose pods run {@code fake-worker.sh}: the worker's contract without a JVM, for operator tests. */
  public static final String FAKE_WORKER_IMAGE = "eider.test/fake-worker";

  /** The bucket of the in-JVM S3 server. */
  public static final String BUCKET = dev.eider.e2e.local.LocalCluster.BUCKET;

  private static TestCluster instance;
  private static boolean stopHookAdded;
  private LocalS3 s3;

  private final ControlPlane controlPlane;
  private final KubernetesClient client;
  private final TestKubelet kubelet;

  private TestCluster(ControlPlane controlPlane, KubernetesClient client, TestKubelet kubelet) {
    this.controlPlane = controlPlane;
    this.client = client;
    this.kubelet = kubelet;
  }

  public static synchronized TestCluster get() {
    if (instance == null) {
      ControlPlane controlPlane = ControlPlane.shared();
      KubernetesClient client = controlPlane.newClient();
      CrdInstaller.install(client, repo().resolve("crds"));
      ContainerImages images = ContainerImages.eider(workerJar()).map(FAKE_WORKER_IMAGE, List.of("sh", fakeWorkerScript().toString()));
      TestKubelet kubelet = TestKubelet.start(client, images, tempDir("eider-kubelet"));
      instance = new TestCluster(controlPlane, client, kubelet);
      if (!stopHookAdded) {
        Runtime.getRuntime().addShutdownHook(new Thread(TestCluster::stop, "test-cluster-stop"));
        stopHookAdded = true;
      }
    }
    return instance;
  }

  /**
   * Stops this JVM's cluster if it was started: the test kubelet with its pods, the S3 server and
   * the client (the control plane is {@link ControlPlane#shared()}'s). A later {@link #get()} starts anew.
   */
  public static synchronized void stop() {
    if (instance == null) {
      return;
    }
    TestCluster stopping = instance;
    instance = null;
    try {
      stopping.kubelet.close();
    } finally {
      try {
        stopping.closeS3();
      } finally {
        stopping.client.close();
      }
    }
  }

  private synchronized void closeS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  /** The in-JVM S3 server every test of this JVM shares (tests use a prefix each). */
  public synchronized LocalS3 s3() {
    if (s3 == null) {
      s3 = LocalS3.start(tempDir("eider-s3"), List.of(BUCKET));
    }
    return s3;
  }

  public KubernetesClient client() {
    return client;
  }

  public TestKubelet kubelet() {
    return kubelet;
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** Creates a namespace with a unique name starting with {@code prefix}. */
  public String newNamespace(String prefix) {
    String name = (prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36))
        .toLowerCase(Locale.ROOT);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    return name;
  }

  /** The repository root: where {@code crds/} and the samples are. */
  public static Path repo() {
    return Path.of(System.getProperty("eider.repo.dir", "..")).toAbsolutePath().normalize();
  }

  public static Path workerJar() {
    Path jar = Path.of(System.getProperty("eider.worker.jar", "../worker-image/target/eider-worker.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("worker jar " + jar + " is missing: build it with `mvn -pl worker-image package`");
    }
    return jar.toAbsolutePath();
  }

  private static Path fakeWorkerScript() {
    try (var in = TestCluster.class.getResourceAsStream("/fake-worker.sh")) {
      Path script = tempDir("eider-fake-worker").resolve("fake-worker.sh");
      Files.write(script, in.readAllBytes());
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new directory for a test's files, under this JVM's {@link TestDirectories}. */
  public static Path tempDir(String prefix) {
    return TestDirectories.run().newDirectory(prefix);
  }

  /**
   * A kubeconfig in {@code dir} whose API server is a closed port: for an operator that must stop,
   * or get as far as it can, without a cluster.
   */
  public static Path unreachableKubeconfig(Path dir) {
    try {
      return Files.writeString(dir.resolve("kubeconfig-unreachable"), """
          apiVersion: v1
          kind: Config
          clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]
          users: [{name: nobody, user: {token: not-a-token}}]
          contexts: [{name: nowhere, context: {cluster: nowhere, user: nobody}}]
          current-context: nowhere
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
