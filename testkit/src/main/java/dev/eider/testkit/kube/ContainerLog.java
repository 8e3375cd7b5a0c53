package dev.eider.testkit.kube;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One container's log on the test kubelet, kept as a real kubelet keeps it: stdout and stderr in
 * one file, rotated when it reaches {@code maxFileBytes} (the previous file is kept, older ones
 * dropped, like containerLogMaxSize/containerLogMaxFiles = 2), so a chatty container never fills
 * the disk; and read like the kubelet's containerLogs endpoint reads it: the last {@code tailLines}
 * lines, then at most {@code limitBytes} bytes of them.
 */
final class ContainerLog {

  /** A real kubelet's default containerLogMaxSize. */
  static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

  private final Path file;
  private final long maxFileBytes;

  ContainerLog(Path file, long maxFileBytes) {
    this.file = file;
    this.maxFileBytes = maxFileBytes;
  }

  Path file() {
    return file;
  }

  Path rotated() {
    return file.resolveSibling(file.getFileName() + ".1");
  }

  /**
   * Copies a container's output into the log until it ends, rotating at the size bound. Runs on
   * its own thread: the process writes into a pipe, never into a file without a bound.
   */
  void capture(InputStream output) {
    byte[] buffer = new byte[8192];
    try (output) {
      OutputStream out = open();
      long size = Files.size(file);
      int read;
      while ((read = output.read(buffer)) >= 0) {
        int offset = 0;
        while (offset < read) {
          int chunk = (int) Math.min(read - offset, maxFileBytes - size);
          if (chunk <= 0) {
            out.close();
            Files.move(file, rotated(), StandardCopyOption.REPLACE_EXISTING);
            out = open();
            size = 0;
            continue;
          }
          out.write(buffer, offset, chunk);
          out.flush();
          offset += chunk;
          size += chunk;
        }
      }
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the log " + file, e);
    }
  }

  private OutputStream open() throws IOException {
    return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The whole kept log (the rotated file, then the current one). */
  byte[] read() {
    return read(-1, -1);
  }

  /**
   * What the kubelet's containerLogs endpoint answers.
   *
   * @param tailLines the last lines to return, negative for all
   * @param limitBytes the most bytes to return (from the start of those lines), negative for no limit
   */
  byte[] read(long tailLines, long limitBytes) {
    byte[] log;
    try {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (Path part : List.of(rotated(), file)) {
        if (Files.exists(part)) {
          all.write(Files.readAllBytes(part));
        }
      }
      log = all.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = tailLines < 0 ? 0 : startOfLastLines(log, tailLines);
    int end = limitBytes < 0 ? log.length : (int) Math.min(log.length, start + limitBytes);
    byte[] answer = new byte[end - start];
    System.arraycopy(log, start, answer, 0, answer.length);
    return answer;
  }

  /** Where the last {@code lines} lines begin (a final line without a newline counts as one). */
  static int startOfLastLines(byte[] log, long lines) {
    if (lines == 0) {
      return log.length;
    }
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < log.length - 1; i++) {
      if (log[i] == '\n') {
        starts.add(i + 1);
      }
    }
    int count = log.length == 0 ? 0 : starts.size();
    return count <= lines ? 0 : starts.get((int) (count - lines));
  }
}
