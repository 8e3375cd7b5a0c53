package dev.eider.testkit.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories that tests and build tools make outside JUnit's {@code @TempDir}. */
public final class TemporaryDirectories {

  private TemporaryDirectories() {}

  /** Deletes {@code root} and everything under it, as far as it can: the directory is temporary, so nothing is lost. */
  public static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort, see above.
    }
  }
}
