package dev.eider.worker.archive;

import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.worker.ingest.IngestFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes the worker's class-data-sharing (AppCDS) archive at package time: runs the packaged jar
 * through the sample pipeline's commands (a starter pack and a feed ingested, every model, a
 * check, the dashboard) against a fake Bluesky and an in-JVM S3 server, records the classes each
 * run loads, merges them into {@code eider-worker.classlist} and dumps {@code eider-worker.jsa}
 * from it, both next to the jar.
 *
 * <p>Why: a worker is a short JVM, one per partition run. Without an archive each run parses and
 * verifies the same few thousand classes and spins its lambdas with ASM, which the JIT then
 * compiles; that was about a third of a small run's CPU. An archive works only with the JDK that
 * dumped it, so the image dumps its own from the same class list (worker-image/Dockerfile); the
 * one made here is for this JDK, which the test kubelet runs the worker with.
 *
 * <p>Arguments: the worker jar. A command that fails fails the build: the jar cannot run the
 * sample pipeline.
 */
public final class ClassArchiveTraining {

  static final String CLASS_LIST = "eider-worker.classlist";
  static final String ARCHIVE = "eider-worker.jsa";
  private static final long RUN_TIMEOUT_MINUTES = 3;

  private ClassArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ClassArchiveTraining <eider-worker.jar>");
    }
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createTempDirectory("eider-worker-training");
    try {
      List<Path> lists = train(jar, work);
      Path classList = jar.resolveSibling(CLASS_LIST);
      Files.write(classList, ClassList.merge(lists));
      dump(jar, classList, jar.resolveSibling(ARCHIVE), work);
    } finally {
      deleteTree(work);
    }
  }

  private static List<Path> train(Path jar, Path work) throws Exception {
    try (IngestFixture fixture = new IngestFixture(FakeBluesky.builder().members(2).feedLength(40).start(), work)) {
      Map<String, String> env = fixture.env("training");
      env.put("EIDER_WAREHOUSE", "s3://" + IngestFixture.BUCKET + "/training/warehouse.duckdb");
      String member = fixture.bluesky.dataset().members().get(0).did();
      List<List<String>> commands = List.of(
          List.of("ingest", "starter-pack", "--uri", fixture.bluesky.dataset().starterPack().uri()),
          List.of("ingest", "author-feed", "--actor", member, "--mode", "incremental"),
          List.of("transform", "--models", "all"),
          List.of("check", "--asset", "all-profiles"),
          List.of("report", "dashboard", "--output", "_reports/dashboard.html"));
      List<Path> lists = new ArrayList<>();
      for (List<String> command : commands) {
        Path list = work.resolve("run-" + lists.size() + ".classlist");
        run(jar, List.of("-XX:DumpLoadedClassList=" + list), command, env, work);
        lists.add(list);
      }
      return lists;
    }
  }

  private static void dump(Path jar, Path classList, Path archive, Path work) throws Exception {
    Files.deleteIfExists(archive);
    run(jar, List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive), List.of(), Map.of(), work);
    if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
      throw new IllegalStateException("java -Xshare:dump wrote no archive at " + archive);
    }
  }

  /** Runs the jar (with {@code -cp}, which an archive's class path must match, for a dump) and fails on a non-zero exit. */
  private static void run(Path jar, List<String> jvmOptions, List<String> arguments, Map<String, String> env, Path work) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    if (arguments.isEmpty()) {
      command.addAll(List.of("-cp", jar.toString()));
    } else {
      command.addAll(List.of("-jar", jar.toString()));
      command.addAll(arguments);
    }
    Path output = work.resolve("output-" + System.nanoTime() + ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " was still running after " + RUN_TIMEOUT_MINUTES + " minutes:\n" + Files.readString(output));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + Files.readString(output));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
