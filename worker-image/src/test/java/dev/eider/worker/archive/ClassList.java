package dev.eider.worker.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes a JVM loaded, as {@code -XX:DumpLoadedClassList} writes them: one class per line
 * ({@code dev/eider/worker/WorkerMain}), plus {@code @lambda-proxy} and {@code @lambda-form-invoker}
 * lines for the lambdas and method handles it spun, which an archive then holds ready-made.
 * Lists of several runs merge into one; {@code -Xshare:dump} reads the result.
 */
final class ClassList {

  private ClassList() {}

  /**
   * Every line of {@code lists} once, in the order first seen, without comments. The app class
   * loader's classes carry no {@code id:} (only classes of custom loaders do, and the worker has
   * none), so a line means the same in every list and a plain union is a valid list.
   */
  static List<String> merge(List<Path> lists) {
    Set<String> lines = new LinkedHashSet<>();
    for (Path list : lists) {
      try {
        for (String line : Files.readAllLines(list)) {
          if (line.contains(" id: ")) {
            throw new IllegalStateException(list + " names a class of a custom class loader, which a merged list cannot keep: " + line);
          }
          if (!line.isBlank() && !line.startsWith("#")) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(lines);
  }
}
