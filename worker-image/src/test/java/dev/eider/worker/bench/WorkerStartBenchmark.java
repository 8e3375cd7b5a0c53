package dev.eider.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.testkit.bench.Comparison;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.worker.archive.ClassArchiveTraining;
import dev.eider.worker.archive.WorkerJarProcess;
import dev.eider.worker.ingest.IngestFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged worker with its class-data-sharing archive against the same jar without it: the
 * sample pipeline's five commands (ClassArchiveTraining), each in a JVM of its own as pods run
 * them, on a smaller dataset than the training's, so the archive is not measured on the runs
 * that made it. One warm-up of each, then {@link #ROUNDS} rounds alternating which goes first;
 * asserts the time with the archive is at most {@link #MAX_TIME_RATIO} of the time without and
 * prints one line ({@code BENCH ...}, also in {@code target/worker-start-benchmark.txt}). Needs
 * the packaged jar: {@code mvn -B -pl worker-image -am package -DskipTests}, then
 * {@code mvn -B -pl worker-image test -Pbench -Dtest=WorkerStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * See docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "eider.bench", matches = "true")
class WorkerStartBenchmark {

  static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  /** The archive must save at least a fifth of the runs' time, or it is not worth its 55 MB. */
  static final double MAX_TIME_RATIO = 0.8;

  @TempDir Path dir;

  @Test
  void samplePipelineCommandsWithAndWithoutTheClassArchive() throws Exception {
    Path jar = Path.of("target", "eider-worker.jar").toAbsolutePath();
    Path archive = jar.resolveSibling(ClassArchiveTraining.ARCHIVE);
    assertThat(archive).as("package the worker first").isRegularFile();
    try (IngestFixture fixture = new IngestFixture(FakeBluesky.builder().members(3).feedLength(60).start(), dir)) {
      List<String> withArchive = List.of("-XX:+ExitOnOutOfMemoryError", "-Xshare:on", "-XX:SharedArchiveFile=" + archive);
      List<String> without = List.of("-XX:+ExitOnOutOfMemoryError");
      pipeline(fixture, jar, withArchive, "warm-up-archive");
      pipeline(fixture, jar, without, "warm-up-plain");
      Comparison comparison = new Comparison("the sample pipeline's 5 worker commands, a JVM each", "with the class archive",
          "without it");
      for (int i = 1; i <= ROUNDS; i++) {
        long plain = 0;
        if (i % 2 == 1) {
          plain = pipeline(fixture, jar, without, "plain-" + i);
        }
        long archived = pipeline(fixture, jar, withArchive, "archive-" + i);
        if (i % 2 == 0) {
          plain = pipeline(fixture, jar, without, "plain-" + i);
        }
        System.out.printf("round %d: with the archive %,d ms, without %,d ms%n", i, archived, plain);
        comparison.add(archived, plain);
      }
      String line = comparison.line(MAX_TIME_RATIO);
      System.out.println(line);
      Files.writeString(Path.of("target", "worker-start-benchmark.txt"), line + "\n");
      assertThat(comparison.ratio()).as(line).isLessThanOrEqualTo(MAX_TIME_RATIO);
    }
  }

  /** The five commands one after another under a prefix of their own; their time in milliseconds. */
  private long pipeline(IngestFixture fixture, Path jar, List<String> jvmOptions, String prefix) throws Exception {
    var env = ClassArchiveTraining.environment(fixture, prefix);
    long start = System.nanoTime();
    for (List<String> command : ClassArchiveTraining.samplePipelineCommands(fixture)) {
      WorkerJarProcess.run(jar, jvmOptions, command, env, dir);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
