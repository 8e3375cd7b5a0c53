package dev.eider.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.launcher.TestIdentifier;

class RunFilesCleanupTest {

  @TempDir Path tmp;

  private final List<String> events = new ArrayList<>();

  @Test
  void aRunWhoseTestsPassedOrWereSkippedStopsItsWritersThenRemovesItsFiles() throws Exception {
    TestDirectories directories = new TestDirectories(tmp);
    Path operatorLogs = directories.newDirectory("eider-operator-");
    Files.writeString(operatorLogs.resolve("operator.log"), "started");
    Path root = operatorLogs.getParent();
    assertThat(root.getFileName().toString()).startsWith(TestDirectories.ROOT_PREFIX);
    assertThat(root.getParent()).isEqualTo(tmp);
    RunFilesCleanup cleanup = new RunFilesCleanup(directories, () -> events.add("stopped, files there: " + Files.exists(operatorLogs)));

    cleanup.executionFinished(test("passed"), TestExecutionResult.successful());
    cleanup.executionFinished(test("skipped"), TestExecutionResult.aborted(new IllegalStateException("no real node")));
    cleanup.testPlanExecutionFinished(null); // the plan is not read

    assertThat(events).containsExactly("stopped, files there: true");
    assertThat(root).doesNotExist();
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void aRunWithAFailedTestKeepsItsFilesForReading() throws Exception {
    TestDirectories directories = new TestDirectories(tmp);
    Path operatorLogs = directories.newDirectory("eider-operator-");
    Files.writeString(operatorLogs.resolve("operator.log"), "reconcile failed");
    RunFilesCleanup cleanup = new RunFilesCleanup(directories, () -> events.add("stopped"));

    cleanup.executionFinished(test("failed"), TestExecutionResult.failed(new AssertionError("expected 3 Jobs")));
    cleanup.executionFinished(test("passed"), TestExecutionResult.successful());
    cleanup.testPlanExecutionFinished(null);

    assertThat(events).containsExactly("stopped");
    assertThat(operatorLogs.resolve("operator.log")).hasContent("reconcile failed");
  }

  @Test
  void aDirectoryAskedForAfterTheEndGoesUnderANewRoot() {
    TestDirectories directories = new TestDirectories(tmp);
    Path first = directories.newDirectory("sample-pipeline").getParent();
    assertThat(directories.newDirectory("eider-chart").getParent()).isEqualTo(first);

    assertThat(directories.finish(true)).contains(first);

    Path second = directories.newDirectory("sample-pipeline").getParent();
    assertThat(second).isNotEqualTo(first).exists();
    assertThat(first).exists();
  }

  private static TestIdentifier test(String name) {
    return TestIdentifier.from(new EngineDescriptor(UniqueId.forEngine(name), name));
  }
}
