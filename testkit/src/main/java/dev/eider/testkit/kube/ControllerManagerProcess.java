package dev.eider.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /** How long the process may take to answer its health check: generous, the machine may be loaded. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  static ControllerManagerProcess start(KubeBinaries binaries, Path kubeconfig) throws IOException {
    Path log = Files.createTempFile("kube-controller-manager", ".log");
    // Its end goes into the exception when it fails to start; otherwise nobody reads it, and a
    // file per test JVM would pile up in the temporary directory.
    log.toFile().deleteOnExit();
    int healthPort = freePort();
    Process process = new ProcessBuilder(List.of(
            binaries.controllerManager().toString(),
            "--kubeconfig=" + kubeconfig,
            "--leader-elect=false",
            "--secure-port=0",
            // The (deprecated) plain-HTTP port serves /healthz: the readiness signal waited for below.
            "--address=127.0.0.1",
            "--port=" + healthPort,
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
      awaitHealthy(process, healthPort, log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while starting kube-controller-manager", e);
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
    return new ControllerManagerProcess(process);
  }

  /** Started means its /healthz answers ok, not that the process merely stayed up for a while. */
  private static void awaitHealthy(Process process, int port, Path log) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("kube-controller-manager exited with " + process.exitValue() + ": " + tail(log));
      }
      try {
        HttpResponse<String> answer = http.send(healthz, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && "ok".equals(answer.body().trim())) {
          return;
        }
        last = answer.statusCode() + " " + answer.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("kube-controller-manager not healthy within " + READY_TIMEOUT.toSeconds()
        + " s (last: " + last + "): " + tail(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
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
