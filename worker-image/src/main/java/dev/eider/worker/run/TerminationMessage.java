package dev.eider.worker.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.contract.env.WorkerEnv;
import dev.eider.contract.result.ResultMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The container's termination message: the one channel by which a run's result reaches the
 * operator, in the contract's {@link ResultMessage} form. Kubernetes keeps at most 4096 bytes of
 * it, so a result that does not fit is refused here (commands put large outputs elsewhere) rather
 * than silently cut into invalid JSON. Every command that exits 0 writes its result here, and the
 * operator counts an exit 0 without a readable result as a failed run ({@code InvalidResult}): so a
 * result that cannot be written fails the command instead of leaving an empty message behind a
 * success.
 */
public final class TerminationMessage {

  public static final String PATH_ENV = WorkerEnv.TERMINATION_MESSAGE_PATH;
  public static final String DEFAULT_PATH = "/dev/termination-log";
  public static final int MAX_BYTES = ResultMessage.MAX_BYTES;

  private final Path path;
  private final boolean required;

  /** A message at {@code path} that must be written: a result that cannot be fails the command. */
  public TerminationMessage(Path path) {
    this(path, true);
  }

  private TerminationMessage(Path path, boolean required) {
    this.path = path;
    this.required = required;
  }

  /**
   * The message at {@link #PATH_ENV}, else at {@link #DEFAULT_PATH}. Only the default path may be
   * missing, outside a container (a developer running the jar): the kubelet creates the file
   * before the container starts, so there a result is printed instead. A path someone named, or
   * the kubelet's file, that cannot be written fails the command.
   */
  public static TerminationMessage fromEnvironment(Map<String, String> env) {
    String named = env.get(PATH_ENV);
    if (named != null) {
      return new TerminationMessage(Path.of(named));
    }
    Path path = Path.of(DEFAULT_PATH);
    return new TerminationMessage(path, Files.exists(path));
  }

  public static ObjectNode newResult(String command) {
    return ResultMessage.newResult(command);
  }

  /** Whether {@code result} fits the termination message as {@link #write} writes it. */
  public static boolean fits(ObjectNode result) {
    return ResultMessage.fits(result);
  }

  /** Writes a successful command's result; one that cannot be written fails the command (exit 1). */
  public void write(ObjectNode result) {
    byte[] bytes = ResultMessage.bytes(result);
    if (bytes.length > MAX_BYTES) {
      throw WorkerFailure.failed("result of " + bytes.length + " bytes exceeds the " + MAX_BYTES
          + "-byte termination message", null);
    }
    try {
      Files.write(path, bytes);
    } catch (IOException e) {
      if (required) {
        throw WorkerFailure.failed("cannot write the result to the termination message " + path + ": " + e, e);
      }
      System.err.println("no termination message at " + path + " (not in a container?); the result: "
          + new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** Writes a failure: one line naming the problem, and the exit code. */
  public void writeFailure(String message, int exitCode) {
    try {
      Files.write(path, ResultMessage.failure(message, exitCode));
    } catch (IOException e) {
      // The command has failed already and says so on stderr; its exit code still reaches the operator.
      System.err.println("cannot write the termination message to " + path + ": " + e.getMessage());
    }
  }
}
