package dev.eider.contract.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The result message as the worker writes it to the container's termination message: one JSON
 * object of at most {@link #MAX_BYTES} bytes. A success names its {@link ResultFields#COMMAND}; a
 * failure is {@code {"error": <one line>, "exitCode": <code>}}. Kubernetes keeps at most 4096 bytes
 * of a termination message, so a result that does not fit is refused by the writer rather than cut
 * into invalid JSON; the reader ({@link ResultReader}) refuses what is longer.
 */
public final class ResultMessage {

  /** What Kubernetes keeps of a termination message. */
  public static final int MAX_BYTES = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultMessage() {}

  /** A new success result of {@code command}. */
  public static ObjectNode newResult(String command) {
    return JSON.createObjectNode().put(ResultFields.COMMAND, command);
  }

  /** The bytes written for {@code result}: compact JSON in UTF-8. */
  public static byte[] bytes(ObjectNode result) {
    try {
      return JSON.writeValueAsString(result).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written: " + e.getOriginalMessage(), e);
    }
  }

  /** Whether {@code result} fits the termination message. */
  public static boolean fits(ObjectNode result) {
    return bytes(result).length <= MAX_BYTES;
  }

  /**
   * A failure message: {@code error} on one line (whitespace runs made one space), shortened with
   * {@code ...} until the message fits, and the exit code.
   */
  public static byte[] failure(String error, int exitCode) {
    String oneLine = error == null ? "unknown error" : error.replaceAll("\\s+", " ").trim();
    ObjectNode failure = JSON.createObjectNode().put(ResultFields.ERROR, oneLine).put(ResultFields.EXIT_CODE, exitCode);
    byte[] bytes = bytes(failure);
    while (bytes.length > MAX_BYTES) {
      oneLine = oneLine.substring(0, oneLine.length() * 3 / 4) + "...";
      bytes = bytes(failure.put(ResultFields.ERROR, oneLine));
    }
    return bytes;
  }
}
