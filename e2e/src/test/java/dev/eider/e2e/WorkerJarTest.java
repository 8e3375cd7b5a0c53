package dev.eider.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.e2e.support.TestCluster;
import dev.eider.testkit.kube.ContainerImages;
import dev.eider.testkit.s3.LocalS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged worker as the image runs it: DuckDB's native library next to the jar, loaded from
 * there, never unpacked into java.io.tmpdir (71 MB and half a second of CPU per run otherwise).
 */
class WorkerJarTest {

  private static final String BUCKET = "jar-test";
  private static final String LIBRARY = "libduckdb_java.so_linux_" + ("aarch64".equals(System.getProperty("os.arch")) ? "arm64" : "amd64");
  private static LocalS3 s3;

  @TempDir Path dir;

  @BeforeAll
  static void startS3(@TempDir Path root) {
    s3 = LocalS3.start(root, List.of(BUCKET));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Test
  void theJarHoldsNoNativeLibraryAndOneForThisMachineIsBesideIt() throws IOException {
    Path jar = TestCluster.workerJar();
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.stream().map(entry -> entry.getName()).filter(name -> name.contains("libduckdb_java"))).isEmpty();
      // A positive control: the driver's classes are there, only the library was left out.
      assertThat(file.getEntry("org/duckdb/DuckDBNative.class")).isNotNull();
    }
    assertThat(jar.resolveSibling(LIBRARY)).isRegularFile();
    assertThat(Files.size(jar.resolveSibling(LIBRARY))).isGreaterThan(10L << 20);
  }

  @Test
  void aTransformLoadsDuckDbFromBesideTheJarAndUnpacksNothing() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path warehouse = dir.resolve("warehouse.duckdb");
    Run run = transform(TestCluster.workerJar(), tmp, warehouse);

    assertThat(run.exitCode()).as(run.output()).isZero();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
         Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT n FROM answer")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(42);
    }
    // The JVM names each native library it loads (-Xlog:library); an unpacked copy would be a
    // temporary file under tmp (deleted at exit, so only the log shows it).
    List<String> loaded = run.output().lines().filter(line -> line.contains("Loaded library") && line.contains("duckdb")).toList();
    assertThat(loaded).singleElement().asString()
        .contains("Loaded library " + TestCluster.workerJar().normalize().resolveSibling(LIBRARY) + ", handle")
        .doesNotContain(tmp.toString());
  }

  @Test
  void aJarWithoutItsLibraryFailsNamingTheLibrary() throws Exception {
    Path alone = Files.createDirectories(dir.resolve("alone"));
    Path jar = Files.copy(TestCluster.workerJar(), alone.resolve("eider-worker.jar"));
    Path warehouse = dir.resolve("warehouse.duckdb");
    Run run = transform(jar, Files.createDirectories(dir.resolve("tmp")), warehouse);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("error: DuckDB's native library cannot be loaded (it belongs next to the worker's jar): ",
        alone.resolve(LIBRARY).toString());
    assertThat(warehouse).doesNotExist();
  }

  @Test
  void theWorkerLoadsItsClassesFromTheArchiveTheBuildMadeBesideTheJar() throws Exception {
    Path jar = TestCluster.workerJar();
    Path archive = jar.resolveSibling(ContainerImages.WORKER_CLASS_ARCHIVE);
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    // -Xshare:on: a JVM that cannot map the archive refuses to start instead of running without it.
    Run shared = transform(jar, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info"), tmp,
        dir.resolve("shared.duckdb"));

    assertThat(shared.exitCode()).as(shared.output()).isZero();
    // The worker's own classes, its command-line parser's and DuckDB's driver: recorded by the build's training run.
    assertThat(shared.output()).contains(
        " dev.eider.worker.WorkerMain source: shared objects file",
        " dev.eider.worker.cli.TransformCommand source: shared objects file",
        " picocli.CommandLine source: shared objects file",
        " org.duckdb.DuckDBConnection source: shared objects file");
    // A positive control: without the archive the same classes come from the jar.
    Run unshared = transform(jar, List.of("-Xlog:class+load=info"), tmp, dir.resolve("unshared.duckdb"));
    assertThat(unshared.exitCode()).as(unshared.output()).isZero();
    assertThat(unshared.output()).contains(" dev.eider.worker.WorkerMain source: file:" + jar.normalize())
        .doesNotContain("dev.eider.worker.WorkerMain source: shared objects file");
  }

  private record Run(int exitCode, String output) {}

  /** {@code transform} of one inline model, in a JVM of its own as a pod runs it. */
  private Run transform(Path jar, Path tmp, Path warehouse) throws Exception {
    return transform(jar, List.of("-Xlog:library=info"), tmp, warehouse);
  }

  private Run transform(Path jar, List<String> jvmOptions, Path tmp, Path warehouse) throws Exception {
    Map<String, String> env = new HashMap<>(s3.clientEnvironment());
    env.put("EIDER_BUCKET", BUCKET);
    env.put("EIDER_PREFIX", "jar-" + dir.getFileName());
    env.put("EIDER_WAREHOUSE", warehouse.toString());
    env.put("EIDER_INLINE_MODEL", "answer");
    env.put("EIDER_INLINE_SQL", "SELECT 42 AS n");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "transform", "--models", "answer"));
    Path log = dir.resolve("worker-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the worker was still running after 2 minutes: " + Files.readString(log));
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
