package dev.eider.worker.archive;

import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.files.TemporaryDirectories;
import dev.eider.worker.ingest.IngestFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the worker's class-data-sharing (AppCDS) archive at package time: runs the packaged jar
 * through the sample pipeline's commands (a starter pack and a feed ingested, every model, a
 * check, the dashboard) against a fake Bluesky and an in-JVM S3 server, records the classes each
 * run loads, merges them into {@code eider-worker.classlist} and dumps {@code eider-worker.jsa}
 * from it, both next to the jar.
 *
 * <p>Why: a worker is a short JVM, one per partition run. Without an archive each run parses and
 * verifies the same few thousand classes and spins its lambdas with ASM, which the JIT then
 * compiles: about 1 of the 2.4 to 3.3 CPU seconds of each of these commands (WorkerStartBenchmark,
 * docs/benchmarks.md). Commands not run here ({@code db}, {@code diff}) share most of their
 * classes with these. An archive works only with the JDK that dumped it, so the image dumps its
 * own from the same class list (worker-image/Dockerfile); the one made here is for this JDK, which
 * the test kubelet runs the worker with.
 *
 * <p>Arguments: the worker jar. A command that fails fails the build: the jar cannot run the
 * sample pipeline.
 */
public final class ClassArchiveTraining {

  static final String CLASS_LIST = "eider-worker.classlist";
  public static final String ARCHIVE = "eider-worker.jsa";

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
      TemporaryDirectories.deleteRecursively(work);
    }
  }

  private static List<Path> train(Path jar, Path work) throws Exception {
    try (IngestFixture fixture = new IngestFixture(FakeBluesky.builder().members(2).feedLength(40).start(), work)) {
      List<Path> lists = new ArrayList<>();
      for (List<String> command : samplePipelineCommands(fixture)) {
        Path list = work.resolve("run-" + lists.size() + ".classlist");
        WorkerJarProcess.run(jar, List.of("-XX:DumpLoadedClassList=" + list), command, environment(fixture, "training"), work);
        lists.add(list);
      }
      return lists;
    }
  }

  /** What the sample pipeline's Jobs run, in order: a starter pack and one member's feed ingested, every model, a check, the dashboard. */
  public static List<List<String>> samplePipelineCommands(IngestFixture fixture) {
    return List.of(
        List.of("ingest", "starter-pack", "--uri", fixture.bluesky.dataset().starterPack().uri()),
        List.of("ingest", "author-feed", "--actor", fixture.bluesky.dataset().members().get(0).did(), "--mode", "incremental"),
        List.of("transform", "--models", "all"),
        List.of("check", "--asset", "all-profiles"),
        List.of("report", "dashboard", "--output", "_reports/dashboard.html"));
  }

  /** A worker pod's environment under {@code prefix}, with the warehouse a DuckDB file in the bucket, as the sample's. */
  public static Map<String, String> environment(IngestFixture fixture, String prefix) {
    Map<String, String> env = fixture.env(prefix);
    env.put("EIDER_WAREHOUSE", "s3://" + IngestFixture.BUCKET + "/" + prefix + "/warehouse.duckdb");
    return env;
  }

  private static void dump(Path jar, Path classList, Path archive, Path work) throws Exception {
    Files.deleteIfExists(archive);
    // -cp, not -jar: a dump runs no main class; the class path is the same jar the workers run.
    WorkerJarProcess.java(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
        "-cp", jar.toString()), Map.of(), work);
    if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
      throw new IllegalStateException("java -Xshare:dump wrote no archive at " + archive);
    }
  }
}
