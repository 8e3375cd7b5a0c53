package dev.eider.e2e.support;

import dev.eider.testkit.kube.KubeBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's {@code bin/kubectl-eider} the way a user does: as a kubectl plugin found on
 * the PATH ({@code kubectl eider ...}), with the test cluster's kubectl and a kubeconfig.
 */
public final class KubectlPlugin {

  private final Path kubeconfig;
  private final String namespace;

  public KubectlPlugin(Path kubeconfig, String namespace) {
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
  }

  public record Result(int exit, String out, String err) {}

  public Result run(String... args) {
    Path kubectlDir = KubeBinaries.locate().dir();
    List<String> command = new ArrayList<>(List.of(kubectlDir.resolve("kubectl").toString(), "eider"));
    command.addAll(List.of(args));
    command.addAll(List.of("-n", namespace, "--kubeconfig", kubeconfig.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    // kubectl finds plugins on the PATH; its own directory first, so the plugin's kubectl is this one.
    builder.environment().put("PATH", TestCluster.repo().resolve("bin") + ":" + kubectlDir + ":"
        + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().remove("KUBECTL");
    try {
      Process process = builder.start();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String out = read(process.getInputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl eider " + String.join(" ", args) + " did not finish within 60 s");
      }
      return new Result(process.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new AssertionError("cannot run kubectl eider: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
