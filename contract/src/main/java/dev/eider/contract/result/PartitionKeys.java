package dev.eider.contract.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The partition keys a run publishes (a starter pack's members, for the assets partitioned by
 * them), in its result: {@link ResultFields#PARTITIONS}, a JSON list, when the whole result then
 * fits the termination message, else {@link ResultFields#PARTITIONS_GZIP}: base64 of the gzip of
 * the keys in UTF-8, one per line (a key holds no line break: see {@link #problem}).
 *
 * <p>The reader treats the result as untrusted input: a 4 KiB message can inflate to gigabytes, and
 * every key becomes a downstream partition, a Job argument and ConfigMap data. Anything beyond the
 * limits is refused whole, never truncated, so downstream never runs on a silently partial list.
 */
public final class PartitionKeys {

  /** Most keys a run may publish (after duplicates are dropped). */
  public static final int MAX_KEYS = 10_000;
  /** Longest key, in characters. */
  public static final int MAX_KEY_LENGTH = 256;
  /** Most bytes {@code partitionsGzip} may inflate to: 10,000 keys of about 100 characters. */
  public static final int MAX_INFLATED_BYTES = 1 << 20;

  private PartitionKeys() {}

  /**
   * Puts {@code keys} into {@code result}, as a list when the result then fits
   * {@link ResultMessage#MAX_BYTES}, else gzipped (which may still not fit: the writer refuses
   * such a result). Refuses keys the reader would refuse, naming the first.
   *
   * @throws IllegalArgumentException when a key is not one, or there are more than {@link #MAX_KEYS}
   */
  public static void put(ObjectNode result, List<String> keys) {
    List<String> unique = List.copyOf(new LinkedHashSet<>(keys));
    if (unique.size() > MAX_KEYS) {
      throw new IllegalArgumentException(unique.size() + " partition keys, more than the " + MAX_KEYS + " a run may publish");
    }
    for (int i = 0; i < unique.size(); i++) {
      int index = i;
      problem(unique.get(i)).ifPresent(problem -> {
        throw new IllegalArgumentException("partition key " + index + ": " + problem);
      });
    }
    result.remove(ResultFields.PARTITIONS_GZIP);
    ArrayNode plain = result.putArray(ResultFields.PARTITIONS);
    unique.forEach(plain::add);
    if (ResultMessage.fits(result)) {
      return;
    }
    result.remove(ResultFields.PARTITIONS);
    result.put(ResultFields.PARTITIONS_GZIP, gzipBase64(String.join("\n", unique)));
  }

  /** The published keys without duplicates, in order; null when the result publishes none. */
  public static List<String> read(JsonNode result) throws InvalidResultException {
    if (result.has(ResultFields.PARTITIONS)) {
      JsonNode partitions = result.get(ResultFields.PARTITIONS);
      if (!partitions.isArray()) {
        throw new InvalidResultException("partitions is not a list of keys");
      }
      List<String> keys = new ArrayList<>();
      for (JsonNode key : partitions) {
        if (!key.isTextual()) {
          throw new InvalidResultException("partitions holds a " + key.getNodeType().name().toLowerCase() + ", not a key");
        }
        keys.add(key.asText());
        if (keys.size() > MAX_KEYS) {
          break;
        }
      }
      return checked(keys);
    }
    if (result.hasNonNull(ResultFields.PARTITIONS_GZIP)) {
      JsonNode gzip = result.get(ResultFields.PARTITIONS_GZIP);
      if (!gzip.isTextual()) {
        throw new InvalidResultException("partitionsGzip is a " + gzip.getNodeType().name().toLowerCase() + ", not base64 text");
      }
      String text = inflate(gzip.asText());
      return checked(text.lines().filter(line -> !line.isBlank()).limit(MAX_KEYS + 1L).toList());
    }
    return null;
  }

  /** Why {@code key} cannot be a partition key (empty, longer than {@link #MAX_KEY_LENGTH}, not printable), or empty. */
  public static Optional<String> problem(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("a partition key is empty");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return Optional.of("a key of " + key.length() + " characters is longer than " + MAX_KEY_LENGTH + " ('" + shown(key) + "')");
    }
    for (int i = 0; i < key.length(); ) {
      int codePoint = key.codePointAt(i);
      if (!printable(codePoint)) {
        return Optional.of("'" + shown(key) + "' contains the non-printable character U+%04X".formatted(codePoint));
      }
      i += Character.charCount(codePoint);
    }
    return Optional.empty();
  }

  /** No control characters (newlines, tabs, NUL) and no unassigned, format, surrogate or private-use characters. */
  public static boolean printable(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
  }

  /** A key, or any text from outside, as a message may quote it: short, and with its control characters escaped. */
  public static String shown(String text) {
    StringBuilder shown = new StringBuilder();
    text.codePoints().limit(80).forEach(c -> shown.append(printable(c) ? Character.toString(c) : "\\u%04x".formatted(c)));
    return text.length() > 80 ? shown + "..." : shown.toString();
  }

  private static String gzipBase64(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static String inflate(String base64) throws InvalidResultException {
    byte[] compressed;
    try {
      compressed = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidResultException("partitionsGzip is not base64: " + e.getMessage());
    }
    try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      // One byte past the cap tells "exactly at the cap" from "more than allowed" without inflating the rest.
      byte[] bytes = gzip.readNBytes(MAX_INFLATED_BYTES + 1);
      if (bytes.length > MAX_INFLATED_BYTES) {
        throw new InvalidResultException("partitionsGzip inflates to more than " + MAX_INFLATED_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidResultException("partitionsGzip is not gzip data: " + e.getMessage());
    }
  }

  private static List<String> checked(List<String> keys) throws InvalidResultException {
    Set<String> unique = new LinkedHashSet<>(keys);
    if (unique.size() > MAX_KEYS) {
      throw new InvalidResultException("more than " + MAX_KEYS + " partition keys published");
    }
    int index = 0;
    for (String key : unique) {
      Optional<String> problem = problem(key);
      if (problem.isPresent()) {
        throw new InvalidResultException("published key " + index + ": " + problem.get());
      }
      index++;
    }
    return List.copyOf(unique);
  }
}
