package dev.eider.operator.asset.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.asset.partition.PartitionKeyRules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The partition keys a run's result publishes ({@code partitions}, or {@code partitionsGzip}:
 * gzip, then base64, one key per line), read within limits. The result comes from a pod, so it is
 * untrusted input: a 4 KiB termination message can inflate to gigabytes, and every key becomes a
 * downstream partition, a Job argument and ConfigMap data. Anything beyond the limits is refused
 * whole, never truncated, so downstream never runs on a silently partial list.
 */
public final class ResultKeys {

  /** Most bytes {@code partitionsGzip} may inflate to: 10,000 keys of about 100 characters. */
  static final int MAX_DECOMPRESSED_BYTES = 1 << 20;

  private ResultKeys() {}

  /** The published keys without duplicates, in order; null when the result publishes none. */
  public static List<String> read(JsonNode result) throws InvalidResultException {
    if (result.has("partitions")) {
      JsonNode partitions = result.get("partitions");
      if (!partitions.isArray()) {
        throw new InvalidResultException("partitions is not a list of keys");
      }
      List<String> keys = new ArrayList<>();
      for (JsonNode key : partitions) {
        if (!key.isTextual()) {
          throw new InvalidResultException("partitions holds a " + key.getNodeType().name().toLowerCase() + ", not a key");
        }
        keys.add(key.asText());
        if (keys.size() > ApiLimits.MAX_PARTITION_KEYS) {
          break;
        }
      }
      return checked(keys);
    }
    if (result.hasNonNull("partitionsGzip")) {
      if (!result.get("partitionsGzip").isTextual()) {
        throw new InvalidResultException("partitionsGzip is a " + result.get("partitionsGzip").getNodeType().name().toLowerCase()
            + ", not base64 text");
      }
      String text = inflate(result.get("partitionsGzip").asText());
      return checked(text.lines().filter(line -> !line.isBlank()).limit(ApiLimits.MAX_PARTITION_KEYS + 1L).toList());
    }
    return null;
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
      byte[] bytes = gzip.readNBytes(MAX_DECOMPRESSED_BYTES + 1);
      if (bytes.length > MAX_DECOMPRESSED_BYTES) {
        throw new InvalidResultException("partitionsGzip inflates to more than " + MAX_DECOMPRESSED_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidResultException("partitionsGzip is not gzip data: " + e.getMessage());
    }
  }

  private static List<String> checked(List<String> keys) throws InvalidResultException {
    Set<String> unique = new LinkedHashSet<>(keys);
    if (unique.size() > ApiLimits.MAX_PARTITION_KEYS) {
      throw new InvalidResultException("more than " + ApiLimits.MAX_PARTITION_KEYS + " partition keys published");
    }
    int index = 0;
    for (String key : unique) {
      Optional<String> problem = PartitionKeyRules.problem(PartitionKeyRules.Kind.GENERIC, key);
      if (problem.isPresent()) {
        throw new InvalidResultException("published key " + index + ": " + problem.get());
      }
      index++;
    }
    return List.copyOf(unique);
  }
}
