package dev.eider.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kube-controller-manager as a child process: the Job, garbage-collector and namespace controllers
 * that make the test control plane behave like a cluster.
 */
final class ControllerManagerProcess implements AutoCloseable {

  private final Process process;

  private ControllerManagerProcess(Process process) {
    this.process = process;
  }

  static ControllerManagerProcess start(KubeBinaries binaries, Path kubeconfig) throws IOException {
    Path log = Files.createTempFile("kube-controller-manager", ".log");
    Process process = new ProcessBuilder(List.of(
            binaries.controllerManager().toString(),
            "--kubeconfig=" + kubeconfig,
            "--leader-elect=false",
            "--secure-port=0",
            "--port=0",
            // No token controller (no signing key here) and no certificate signer (no CA key).
            "--controllers=*,-serviceaccount-token,-csrsigning",
            "--feature-gates=TTLAfterFinished=true",
            // Finished Jobs and deleted namespaces are noticed within a second, not the default 30 s.
            "--namespace-sync-period=10s",
            "--concurrent-gc-syncs=5"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      if (process.waitFor(1, TimeUnit.SECONDS)) {
        throw new IllegalStateException("kube-controller-manager exited with " + process.exitValue()
            + ": " + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while starting kube-controller-manager", e);
    }
    return new ControllerManagerProcess(process);
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
