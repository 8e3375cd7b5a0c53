package dev.eider.e2e.support;

import dev.eider.testkit.files.TemporaryDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of one test JVM's end-to-end tests (operator logs, the test kubelet's pods, the S3
 * server's objects, charts and values written for helm), in one directory under
 * {@code java.io.tmpdir}: a run leaves that one directory behind, or nothing. Without it every run
 * left some twenty directories and about 40 MB in {@code /tmp}, for good.
 * {@link RunFilesCleanup} removes it when the JVM's tests have passed and keeps it when one failed,
 * since the logs in it are what the failure is read from.
 */
public final class TestDirectories {

  static final String ROOT_PREFIX = "eider-e2e-";
  private static final TestDirectories RUN = new TestDirectories(Path.of(System.getProperty("java.io.tmpdir")));

  private final Path parent;
  private Path root;

  TestDirectories(Path parent) {
    this.parent = parent;
  }

  /** This JVM's directories. */
  public static TestDirectories run() {
    return RUN;
  }

  /** A new directory whose name starts with {@code prefix}, under this run's root (made on first use). */
  public synchronized Path newDirectory(String prefix) {
    try {
      if (root == null) {
        root = Files.createTempDirectory(parent, ROOT_PREFIX);
      }
      return Files.createTempDirectory(root, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Ends the run's use of its root: removes it, or keeps it when {@code keep}. Returns the root
   * that was kept, if any; a directory asked for afterwards goes under a new root.
   */
  synchronized Optional<Path> finish(boolean keep) {
    Path finished = root;
    root = null;
    if (finished == null || keep) {
      return Optional.ofNullable(finished);
    }
    TemporaryDirectories.deleteRecursively(finished);
    return Optional.empty();
  }
}
