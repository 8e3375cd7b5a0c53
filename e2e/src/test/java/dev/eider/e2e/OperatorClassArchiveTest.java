package dev.eider.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.e2e.local.OperatorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  void theOperatorsClassesComeFromTheBuildsArchive() throws Exception {
    Path jar = OperatorProcess.defaultJar();
    assertThat(OperatorProcess.jvmArguments(jar)).contains("-XX:SharedArchiveFile=app-cds.jsa");
    assertThat(jar.resolveSibling("app-cds.jsa")).isRegularFile();

    // An API server that is not there: the operator starts, then fails to reach it and exits.
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: nobody, user: {token: not-a-token}}]
        contexts: [{name: nowhere, context: {cluster: nowhere, user: nobody}}]
        current-context: nowhere
        """);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(OperatorProcess.jvmArguments(jar));
    command.addAll(List.of("-Xshare:on", "-Xlog:class+load=info", "-Dquarkus.http.port=0", "-jar", jar.getFileName().toString()));
    Path log = dir.resolve("operator.log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log);

    // The positive control: Quarkus ran, as far as the missing API server lets it.
    assertThat(output).as(output.lines().filter(line -> !line.contains("class,load")).toList().toString())
        .contains("Failed to start application");
    assertThat(output).contains("io.quarkus.runtime.Application source: shared objects file")
        .contains("dev.eider.operator.platform.EiderConfig source: shared objects file");
  }
}
