package dev.eider.testkit.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The kubelet's rules for a container's termination message: the file at its
 * terminationMessagePath, at most 4096 bytes; with {@code FallbackToLogsOnError}, an empty file
 * and a failure, the tail of the log (at most 80 lines and 2048 bytes).
 */
final class TerminationMessages {

  static final int MAX_MESSAGE_BYTES = 4096;
  static final int MAX_LOG_BYTES = 2048;
  static final int MAX_LOG_LINES = 80;

  private TerminationMessages() {}

  static String read(Path messageFile, Path logFile, String policy, int exitCode) throws IOException {
    String message = Files.exists(messageFile) ? head(Files.readAllBytes(messageFile), MAX_MESSAGE_BYTES) : "";
    if (message.isEmpty() && exitCode != 0 && "FallbackToLogsOnError".equals(policy) && Files.exists(logFile)) {
      return logTail(Files.readAllBytes(logFile));
    }
    return message;
  }

  private static String head(byte[] bytes, int max) {
    return new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.UTF_8);
  }

  private static String logTail(byte[] log) {
    String tail = new String(log, Math.max(0, log.length - MAX_LOG_BYTES), Math.min(log.length, MAX_LOG_BYTES),
        StandardCharsets.UTF_8);
    List<String> lines = Arrays.asList(tail.split("\n", -1));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - MAX_LOG_LINES), lines.size()));
  }
}
