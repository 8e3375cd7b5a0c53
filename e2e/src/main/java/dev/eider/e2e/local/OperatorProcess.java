package dev.eider.e2e.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The operator as users run it: its Quarkus jar in a JVM of its own, configured by system
 * properties, talking to the control plane through a kubeconfig. A process can be killed
 * (SIGKILL) and started again, and two can run side by side, which is what the failure and
 * leader-election tests need.
 */
public final class OperatorProcess implements AutoCloseable {

  /** How long a started operator may take to be ready (or, as a standby, live). */
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final Process process;
  private final int port;
  private final Path log;
  // HTTP/1.1: plain http, and no h2c upgrade for a server to trip over.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  private OperatorProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The chart's memory limit of the operator's container (values.yaml resources.limits.memory). */
  static final String CHART_MEMORY_LIMIT = "512m";

  /** The AppCDS archive the build makes next to the operator's jar (see the operator's application.properties). */
  static final String CLASS_ARCHIVE = "app-cds.jsa";

  /**
   * The JVM arguments the operator runs with, before its system properties: the image's options,
   * the memory the chart's limit (512Mi) gives the JVM in its pod, and the build's AppCDS archive.
   * The archive names the class path relative to the jar's directory, so the process runs there
   * ({@code -jar quarkus-run.jar}), as the image's does in /app.
   */
  public static List<String> jvmArguments(Path jar) {
    List<String> arguments = new ArrayList<>(List.of("@" + jvmOptions(), "-XX:MaxRAM=" + CHART_MEMORY_LIMIT));
    if (Files.isRegularFile(jar.resolveSibling(CLASS_ARCHIVE))) {
      arguments.add("-XX:SharedArchiveFile=" + CLASS_ARCHIVE);
    }
    return arguments;
  }

  /** The JVM options the operator's image runs with ({@code operator/jvm.options}). */
  static Path jvmOptions() {
    Path options = Path.of(System.getProperty("eider.repo.dir", ".."), "operator", "jvm.options");
    if (!Files.isRegularFile(options)) {
      throw new IllegalStateException("operator JVM options " + options.toAbsolutePath() + " are missing");
    }
    return options.toAbsolutePath();
  }

  /** The operator's runnable jar, built by {@code mvn -pl operator package}. */
  public static Path defaultJar() {
    Path jar = Path.of(System.getProperty("eider.operator.jar", "../operator/target/quarkus-app/quarkus-run.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("operator jar " + jar.toAbsolutePath() + " is missing: build it with `mvn -pl operator package`");
    }
    return jar.toAbsolutePath();
  }

  /**
   * Starts the operator with {@code properties} (Quarkus and {@code eider.*} configuration) and
   * waits until its readiness (or, for a standby replica, liveness) endpoint answers.
   */
  public static OperatorProcess start(Path jar, Path kubeconfig, Map<String, String> properties, Path log, boolean awaitReady) {
    return start(jar, kubeconfig, properties, Map.of(), log, awaitReady);
  }

  /** As {@link #start(Path, Path, Map, Path, boolean)}, with {@code environment} added to the process's environment. */
  public static OperatorProcess start(Path jar, Path kubeconfig, Map<String, String> properties, Map<String, String> environment,
                                      Path log, boolean awaitReady) {
    int port = freePort();
    ProcessBuilder builder = builder(jar, kubeconfig, List.of(), properties, environment, port, log);
    try {
      OperatorProcess operator = new OperatorProcess(builder.start(), port, log);
      // Generous: a JVM starting its informers on a loaded 2-core machine took more than 90 s.
      operator.awaitHealth(awaitReady ? "/q/health/ready" : "/q/health/live", START_TIMEOUT);
      return operator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How a process that stopped by itself ended: its exit code and its output. */
  public record Exit(int code, String log) {
    /** The last line that is not blank. */
    public String lastLine() {
      List<String> lines = log.lines().filter(line -> !line.isBlank()).toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  /**
   * Runs the operator with {@code properties} until it exits by itself, for configurations it must
   * refuse; a process still running after {@code timeout} is killed and reported as such.
   */
  public static Exit runUntilExit(Path jar, Path kubeconfig, Map<String, String> properties, Path log, Duration timeout) {
    return runUntilExit(jar, kubeconfig, List.of(), properties, log, timeout);
  }

  /** As {@link #runUntilExit(Path, Path, Map, Path, Duration)}, with {@code jvmFlags} after the operator's own JVM arguments. */
  public static Exit runUntilExit(Path jar, Path kubeconfig, List<String> jvmFlags, Map<String, String> properties, Path log,
                                  Duration timeout) {
    ProcessBuilder builder = builder(jar, kubeconfig, jvmFlags, properties, Map.of(), freePort(), log);
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException("the operator was still running after " + timeout.toSeconds() + " s; its log:\n"
            + Files.readString(log));
      }
      return new Exit(process.exitValue(), Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ProcessBuilder builder(Path jar, Path kubeconfig, List<String> jvmFlags, Map<String, String> properties,
                                        Map<String, String> environment, int port, Path log) {
    Map<String, String> all = new TreeMap<>(properties);
    all.put("quarkus.http.port", Integer.toString(port));
    jar = jar.toAbsolutePath();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArguments(jar));
    command.addAll(jvmFlags);
    all.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.getFileName().toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    builder.environment().putAll(environment);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return builder;
  }

  private void awaitHealth(String endpoint, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue() + " while starting; its log:\n" + log());
      }
      if (get(endpoint).map(response -> response.statusCode() == 200).orElse(false)) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException("the operator was not ready after " + timeout.toSeconds() + " s; its log:\n" + log());
  }

  /** Prometheus metrics as the operator exposes them. */
  public String metrics() {
    return get("/q/metrics").map(HttpResponse::body).orElseThrow(() -> new IllegalStateException("no metrics from the operator"));
  }

  public int httpPort() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Peak resident memory of the operator's JVM in bytes (VmHWM), on Linux. */
  public long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return -1;
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the operator without warning (SIGKILL), as a crashed node or OOM kill would. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    waitForExit();
  }

  private void waitForExit() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private java.util.Optional<HttpResponse<String>> get(String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
      return java.util.Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
