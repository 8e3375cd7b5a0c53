package dev.eider.testkit.kube;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the control-plane binaries built by {@code e2e/bin/build-kube-binaries.sh} live: the
 * directory named by {@code EIDER_KUBE_DIR} (or the system property {@code eider.kube.dir}),
 * laid out as io.fabric8:kube-api-test expects ({@code k8s/<version>-linux-amd64/}).
 */
public record KubeBinaries(Path root, String version) {

  public static final String VERSION = "1.20.2";
  static final Path DEFAULT_ROOT = Path.of("/var/cache/eider/kube");

  public static KubeBinaries locate() {
    String configured = System.getProperty("eider.kube.dir", System.getenv("EIDER_KUBE_DIR"));
    KubeBinaries binaries = new KubeBinaries(configured == null ? DEFAULT_ROOT : Path.of(configured), VERSION);
    for (Path binary : new Path[] {binaries.apiServer(), binaries.controllerManager(), binaries.etcd()}) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException("Kubernetes test binary " + binary + " is missing: run e2e/bin/build-kube-binaries.sh"
            + " (it builds them into $EIDER_KUBE_DIR, default " + DEFAULT_ROOT + ")");
      }
    }
    return binaries;
  }

  public Path dir() {
    return root.resolve("k8s").resolve(version + "-linux-amd64");
  }

  public Path apiServer() {
    return dir().resolve("kube-apiserver");
  }

  public Path controllerManager() {
    return dir().resolve("kube-controller-manager");
  }

  public Path etcd() {
    return dir().resolve("etcd");
  }
}
