package dev.eider.worker.warehouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Code versions of models, as Dagster's code versions and SQLMesh's fingerprints: a model's
 * fingerprint is the hash of its normalized SQL (its parse tree without positions: whitespace,
 * comments and keyword case do not count) together with the fingerprints of the models it reads, so
 * a change upstream changes every fingerprint downstream. Raw tables count by name: they are data,
 * not code.
 */
final class Fingerprints {

  private final Map<String, String> own;
  private final Map<String, Set<String>> reads;
  private final Map<String, String> done = new TreeMap<>();

  /**
   * @param own each model's normalized-SQL hash
   * @param reads the models and raw tables each model reads (acyclic, checked by {@link ModelGraph})
   */
  Fingerprints(Map<String, String> own, Map<String, Set<String>> reads) {
    this.own = own;
    this.reads = reads;
  }

  /** The fingerprint of {@code model} (hex SHA-256). */
  String of(String model) {
    String known = done.get(model);
    if (known != null) {
      return known;
    }
    StringBuilder text = new StringBuilder(own.get(model));
    for (String table : new java.util.TreeSet<>(reads.getOrDefault(model, Set.of()))) {
      text.append('\n').append(table).append('=').append(own.containsKey(table) ? of(table) : "raw");
    }
    String fingerprint = sha256(text.toString());
    done.put(model, fingerprint);
    return fingerprint;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
