package dev.eider.operator.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names of objects the operator creates: deterministic, DNS-1123 safe, hash-truncated to fit. */
public final class KubeNames {

  public static final int LABEL_MAX = 63;

  private KubeNames() {}

  /** The first {@code chars} hex digits of the SHA-256 of {@code text}. */
  public static String hash(String text, int chars) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, chars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A partition key as Job names, the {@code eider.dev/partition-hash} label and the keys of an
   * Asset's state ConfigMaps spell it: the first 16 hex digits of its SHA-256. Existing Jobs and
   * state are named by it, so it never changes.
   */
  public static String partitionHash(String key) {
    return hash(key, 16);
  }

  /**
   * {@code prefix + "-" + suffix}, at most {@code max} characters: the prefix is cut (and gets a
   * short hash of itself, so two long prefixes that share a beginning stay distinct) when needed.
   */
  public static String join(String prefix, String suffix, int max) {
    String name = prefix + "-" + suffix;
    if (name.length() <= max) {
      return name;
    }
    String marker = hash(prefix, 5);
    int keep = max - suffix.length() - marker.length() - 2;
    String cut = prefix.substring(0, Math.max(1, keep)).replaceAll("[-.]+$", "");
    return cut + "-" + marker + "-" + suffix;
  }
}
