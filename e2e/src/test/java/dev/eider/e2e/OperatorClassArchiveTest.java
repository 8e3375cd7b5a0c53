package dev.eider.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator starts with the AppCDS archive its build made: the JVM maps the classes a start
 * loads from the archive instead of reading them from the jars. {@code -Xshare:on} makes an
 * archive the JVM cannot use (another JVM build, a class path that does not match) a failed start
 * instead of a silent fallback.
 */
class OperatorClassArchiveTest {

  @TempDir Path dir;

  @Test
  void theOperatorsClassesComeFromTheBuildsArchive() {
    Path jar = OperatorProcess.defaultJar();
    assertThat(OperatorProcess.jvmArguments(jar)).contains("-XX:SharedArchiveFile=app-cds.jsa");
    assertThat(jar.resolveSibling("app-cds.jsa")).isRegularFile();

    // An API server that is not there: the operator starts, then fails to reach it and exits.
    OperatorProcess.Exit exit = OperatorProcess.runUntilExit(jar, TestCluster.unreachableKubeconfig(dir),
        List.of("-Xshare:on", "-Xlog:class+load=info"), Map.of(), dir.resolve("operator.log"), Duration.ofMinutes(2));
    String output = exit.log();

    // The positive control: Quarkus ran, as far as the missing API server lets it.
    assertThat(output).as(output.lines().filter(line -> !line.contains("class,load")).toList().toString())
        .contains("Failed to start application");
    assertThat(output).contains("io.quarkus.runtime.Application source: shared objects file")
        .contains("dev.eider.operator.platform.EiderConfig source: shared objects file");
  }
}
