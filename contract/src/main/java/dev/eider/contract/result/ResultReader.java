package dev.eider.contract.result;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The termination message of a run that exited 0, read as the worker writes it
 * ({@link ResultMessage}): one JSON object of at most 4096 bytes that
 * names its {@code command}, has no {@code error}, and types the fields the operator reads as the
 * worker does. Anything else is not a worker's result, whoever wrote it: garbage, a message
 * Kubernetes cut at 4096 bytes, a forged pod status of megabytes, {@code "items": "many"}. Such a
 * run fails with reason {@code InvalidResult} naming what is wrong, rather than counting as
 * a materialization nothing vouches for. Other fields are the worker's own: they are kept, as the
 * metadata the Asset's status shows (within the status's limits).
 */
public final class ResultReader {

  /** What Kubernetes keeps of a termination message: a longer one was not written by the kubelet. */
  public static final int MAX_BYTES = ResultMessage.MAX_BYTES;

  private static final ObjectReader JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .reader();

  private ResultReader() {}

  /** The result of a run that exited 0, or why {@code message} is not one. */
  public static ObjectNode success(String message) throws InvalidResultException {
    ObjectNode result = read(message);
    if (result.has(ResultFields.ERROR)) {
      throw new InvalidResultException("exit 0, but the result reports an error: "
          + PartitionKeys.shown(result.get(ResultFields.ERROR).isTextual() ? result.get(ResultFields.ERROR).asText() : result.get(ResultFields.ERROR).toString()));
    }
    return result;
  }

  /**
   * The result of a transform that built its models and then failed a check (exit 1, with the
   * error naming the failing checks), or empty when {@code message} is not one: such a run counts
   * as materialized and its checks go to the status, so it is read as strictly as a success.
   */
  public static Optional<ObjectNode> checksFailed(String message) {
    try {
      ObjectNode result = read(message);
      return result.has(ResultFields.MODELS) && result.has(ResultFields.CHECKS) ? Optional.of(result) : Optional.empty();
    } catch (InvalidResultException e) {
      return Optional.empty();
    }
  }

  private static ObjectNode read(String message) throws InvalidResultException {
    if (message == null || message.isEmpty()) {
      // No legitimate run ends like this: the worker writes its result before it exits 0, and a
      // result it cannot write fails the command (exit 1). An empty message comes from an image
      // that does not follow the worker's contract, or from someone else's hand.
      throw new InvalidResultException("exit 0 without a result: the termination message is empty");
    }
    // UTF-8 takes at least one byte per char: the length alone refuses a megabyte without encoding it.
    int bytes = message.length() > MAX_BYTES ? message.length() : message.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new InvalidResultException("the termination message holds " + (message.length() > MAX_BYTES ? "at least " : "")
          + bytes + " bytes, more than the " + MAX_BYTES + " Kubernetes keeps");
    }
    JsonNode node;
    try {
      node = JSON.readTree(message);
    } catch (JsonProcessingException e) {
      throw new InvalidResultException("the termination message is not JSON"
          + (bytes == MAX_BYTES ? " (it fills the " + MAX_BYTES + " bytes Kubernetes keeps: it was probably cut)" : "")
          + ": " + PartitionKeys.shown(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidResultException("the termination message cannot be read: " + PartitionKeys.shown(String.valueOf(e.getMessage())));
    }
    if (node == null || !node.isObject()) {
      throw new InvalidResultException("the termination message is " + (node == null || node.isMissingNode() ? "blank" : a(node))
          + ", not a JSON object");
    }
    ObjectNode result = (ObjectNode) node;
    if (!result.path(ResultFields.COMMAND).isTextual()) {
      throw new InvalidResultException("command is " + (result.has(ResultFields.COMMAND) ? a(result.get(ResultFields.COMMAND)) : "missing")
          + ": every worker result names its command");
    }
    wholeNumber(result, ResultFields.ITEMS, ResultFields.ITEMS);
    list(result, ResultFields.MODELS);
    for (int i = 0; i < result.path(ResultFields.MODELS).size(); i++) {
      JsonNode model = object(result.get(ResultFields.MODELS).get(i), "models[" + i + "]");
      text(model, "name", "models[" + i + "]", true);
      wholeNumber(model, "rows", "models[" + i + "].rows");
    }
    list(result, ResultFields.CHECKS);
    for (int i = 0; i < result.path(ResultFields.CHECKS).size(); i++) {
      String path = "checks[" + i + "]";
      JsonNode check = object(result.get(ResultFields.CHECKS).get(i), path);
      text(check, "name", path, true);
      if (!check.path("passed").isBoolean()) {
        throw new InvalidResultException(path + ".passed is " + (check.has("passed") ? a(check.get("passed")) : "missing") + ", not true or false");
      }
      text(check, "severity", path, false);
      text(check, "message", path, false);
      if (check.hasNonNull("failingRows")) {
        wholeNumber(check, "failingRows", path + ".failingRows");
      }
    }
    return result;
  }

  private static void wholeNumber(JsonNode parent, String field, String path) throws InvalidResultException {
    JsonNode value = parent.get(field);
    if (value != null && !(value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0)) {
      throw new InvalidResultException(path + " is " + a(value) + ", not a count");
    }
  }

  private static void list(JsonNode parent, String field) throws InvalidResultException {
    JsonNode value = parent.get(field);
    if (value != null && !value.isArray()) {
      throw new InvalidResultException(field + " is " + a(value) + ", not a list");
    }
  }

  private static JsonNode object(JsonNode value, String path) throws InvalidResultException {
    if (!value.isObject()) {
      throw new InvalidResultException(path + " is " + a(value) + ", not an object");
    }
    return value;
  }

  /** A text field; null counts as absent where the worker may write null. */
  private static void text(JsonNode parent, String field, String path, boolean required) throws InvalidResultException {
    JsonNode value = parent.get(field);
    if (required ? value == null || !value.isTextual() : value != null && !value.isNull() && !value.isTextual()) {
      throw new InvalidResultException(path + "." + field + " is " + (value == null ? "missing" : a(value)) + ", not text");
    }
  }

  /** What a value is, for a message: "a string", "a negative number", "null". */
  private static String a(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? (value.asLong() < 0 ? "a negative number" : "a number") : "a number too large";
    }
    JsonNodeType type = value.getNodeType();
    return switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a fraction";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      default -> type.name().toLowerCase();
    };
  }
}
