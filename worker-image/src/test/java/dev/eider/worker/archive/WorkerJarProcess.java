package dev.eider.worker.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged worker jar run as a pod runs it, in a JVM of its own, for the build's training and the benchmarks. */
public final class WorkerJarProcess {

  private static final long TIMEOUT_MINUTES = 3;

  private WorkerJarProcess() {}

  /** {@code java <jvmOptions> -jar <jar> <arguments>} with {@code env} added; fails unless it exits 0 in time. */
  public static void run(Path jar, List<String> jvmOptions, List<String> arguments, Map<String, String> env, Path work) throws Exception {
    List<String> command = new ArrayList<>(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(arguments);
    java(command, env, work);
  }

  /** {@code java <arguments>} with {@code env} added and its output in a file under {@code work}; fails unless it exits 0 in time. */
  static void java(List<String> arguments, Map<String, String> env, Path work) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(arguments);
    Path output = work.resolve("output-" + System.nanoTime() + ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " was still running after " + TIMEOUT_MINUTES + " minutes:\n"
          + Files.readString(output));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + Files.readString(output));
    }
  }
}
