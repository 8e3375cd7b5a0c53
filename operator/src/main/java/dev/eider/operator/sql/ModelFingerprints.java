package dev.eider.operator.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fingerprints of models: the SHA-256 of a model's normalized SQL ({@link SqlNormalizer}: layout and
 * comments do not count) together with the fingerprints of the models it reads, so a change upstream
 * changes every fingerprint downstream. Raw tables count by name: they are data, not code. The
 * models are the worker image's ({@link ShippedSql}) with the Asset's own replacing same-named ones,
 * as the worker resolves them. 16 hex characters (64 bits) each.
 *
 * <p>Changing anything here changes every fingerprint, and every eager transform would run again
 * once after an upgrade: keep it stable (the golden values of its test), or record the new ones
 * under a new key in the partition state so old ones are adopted, not compared.
 */
public final class ModelFingerprints {

  private static final int HEX_CHARS = 16;

  private final Map<String, String> sql;
  private final Map<String, String> done = new HashMap<>();
  private final Set<String> visiting = new HashSet<>();

  private ModelFingerprints(Map<String, String> sql) {
    this.sql = sql;
  }

  /**
   * The code version of {@code built}, each a model of the worker image or of {@code supplied}
   * (the Asset's own models, which replace the image's of the same name).
   */
  public static CodeVersion of(Collection<String> built, Map<String, String> supplied) {
    Map<String, String> all = new TreeMap<>(ShippedSql.sql());
    all.putAll(supplied);
    ModelFingerprints fingerprints = new ModelFingerprints(all);
    Map<String, String> models = new TreeMap<>();
    for (String model : built) {
      models.put(model, fingerprints.of(model));
    }
    return CodeVersion.of(models);
  }

  private String of(String model) {
    String known = done.get(model);
    if (known != null) {
      return known;
    }
    visiting.add(model);
    StringBuilder text = new StringBuilder(SqlNormalizer.normalize(sql.get(model)));
    for (String table : new TreeSet<>(ModelSqlRules.analyse(sql.get(model)).tables().keySet())) {
      text.append('\n').append(table).append('=');
      if (!sql.containsKey(table)) {
        text.append("raw");
      } else if (visiting.contains(table)) {
        // A cycle through the image's models: the worker refuses it; the fingerprint need only be stable.
        text.append("cycle");
      } else {
        text.append(of(table));
      }
    }
    visiting.remove(model);
    String fingerprint = hash(text.toString());
    done.put(model, fingerprint);
    return fingerprint;
  }

  static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HEX_CHARS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
