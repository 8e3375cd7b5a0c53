package dev.eider.e2e.support;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * When a test JVM's tests are done, stops the cluster they shared and removes their files
 * ({@link TestDirectories}), unless a test or a class's setup failed: then the files stay, and
 * their place is printed, so the operator logs and pod output of the failure can be read.
 * Registered with the JUnit Platform through {@code META-INF/services}.
 */
public final class RunFilesCleanup implements TestExecutionListener {

  private final TestDirectories directories;
  private final Runnable stopWriters;
  private final AtomicBoolean failed = new AtomicBoolean();

  public RunFilesCleanup() {
    this(TestDirectories.run(), TestCluster::stop);
  }

  /** @param stopWriters stops what still writes under the directories (the kubelet's pods, the S3 server) */
  RunFilesCleanup(TestDirectories directories, Runnable stopWriters) {
    this.directories = directories;
    this.stopWriters = stopWriters;
  }

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    // Aborted (an assumption not met) is a skip, not a failure.
    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
      failed.set(true);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    stopWriters.run();
    directories.finish(failed.get()).ifPresent(kept -> System.out.println("A test failed: its files are kept in " + kept));
  }
}
