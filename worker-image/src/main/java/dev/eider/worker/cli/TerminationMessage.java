package dev.eider.worker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The container's termination message: the one channel by which a run's result reaches the
 * operator. Kubernetes keeps at most 4096 bytes of it, so a result that does not fit is refused
 * here (commands put large outputs elsewhere) rather than silently cut into invalid JSON.
 */
public final class TerminationMessage {

  public static final String PATH_ENV = "EIDER_TERMINATION_MESSAGE_PATH";
  public static final String DEFAULT_PATH = "/dev/termination-log";
  public static final int MAX_BYTES = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;

  public TerminationMessage(Path path) {
    this.path = path;
  }

  public static TerminationMessage fromEnvironment(Map<String, String> env) {
    return new TerminationMessage(Path.of(env.getOrDefault(PATH_ENV, DEFAULT_PATH)));
  }

  public static ObjectNode newResult(String command) {
    return JSON.createObjectNode().put("command", command);
  }

  /** Whether {@code result} fits the termination message as {@link #write} writes it. */
  public static boolean fits(ObjectNode result) {
    return json(result).length <= MAX_BYTES;
  }

  /** Writes a successful command's result. */
  public void write(ObjectNode result) {
    byte[] bytes = json(result);
    if (bytes.length > MAX_BYTES) {
      throw WorkerFailure.failed("result of " + bytes.length + " bytes exceeds the " + MAX_BYTES
          + "-byte termination message", null);
    }
    writeBytes(bytes);
  }

  /** Writes a failure: one line naming the problem, and the exit code. */
  public void writeFailure(String message, int exitCode) {
    String oneLine = message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
    ObjectNode failure = JSON.createObjectNode().put("error", oneLine).put("exitCode", exitCode);
    byte[] bytes = json(failure);
    while (bytes.length > MAX_BYTES) {
      oneLine = oneLine.substring(0, oneLine.length() * 3 / 4) + "...";
      bytes = json(failure.put("error", oneLine));
    }
    writeBytes(bytes);
  }

  private static byte[] json(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeBytes(byte[] bytes) {
    try {
      Files.write(path, bytes);
    } catch (IOException e) {
      // Outside a container the default path may not be writable; the result is still on stdout.
      System.err.println("cannot write the termination message to " + path + ": " + e.getMessage());
    }
  }
}
