package dev.eider.operator.asset.partition;

import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.BlueskySource;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a partition key may be. Keys reach Job arguments, annotations, ConfigMap data and the
 * worker's object keys, so every key is bounded and printable; an ingestion's keys must also be what
 * its source reads, so that a typo or a hostile value (a URL, a path) fails validation instead of
 * becoming a request or an object key.
 */
public final class PartitionKeyRules {

  /** What an asset's partition keys stand for. */
  public enum Kind {
    /** Any printable key: a transform's, or an ingestion whose source names its target itself. */
    GENERIC("a printable key"),
    /** {@code at://<did or handle>/app.bsky.graph.starterpack/<rkey>}. */
    STARTER_PACK("an AT-URI of a starter pack, at://<did or handle>/app.bsky.graph.starterpack/<rkey>"),
    /** A DID ({@code did:plc:...}, {@code did:web:...}) or a handle ({@code alice.bsky.social}). */
    ACTOR("a DID (did:plc:..., did:web:...) or a handle such as alice.bsky.social");

    private final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  // AT Protocol's DID syntax, limited to the two methods Bluesky resolves.
  private static final String DID = "did:(?:plc|web):[A-Za-z0-9._:%-]*[A-Za-z0-9._-]";
  // A handle is a domain name: labels of 1-63 characters, a top-level label that is not numeric.
  private static final String HANDLE = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern ACTOR = Pattern.compile(DID + "|" + HANDLE);
  private static final Pattern STARTER_PACK = Pattern.compile(
      "at://(?:" + DID + "|" + HANDLE + ")/app\\.bsky\\.graph\\.starterpack/[A-Za-z0-9._~:-]{1,512}");
  private static final int MAX_HANDLE_LENGTH = 253;

  private PartitionKeyRules() {}

  /** What the keys of an asset with static or dynamic partitions stand for. */
  public static Kind kindOf(AssetSpec spec) {
    BlueskySource bluesky = spec.getIngest() == null ? null : spec.getIngest().getBluesky();
    if (bluesky == null) {
      return Kind.GENERIC;
    }
    if (bluesky.getStarterPack() != null && bluesky.getStarterPack().getUri() == null) {
      return Kind.STARTER_PACK;
    }
    if (bluesky.getAuthorFeed() != null && bluesky.getAuthorFeed().getActor() == null) {
      return Kind.ACTOR;
    }
    return Kind.GENERIC;
  }

  /** Why {@code key} is not a partition key of this kind, or empty when it is one. */
  public static Optional<String> problem(Kind kind, String key) {
    Optional<String> generic = generic(key);
    if (generic.isPresent() || kind == Kind.GENERIC) {
      return generic;
    }
    boolean matches = switch (kind) {
      case STARTER_PACK -> STARTER_PACK.matcher(key).matches();
      case ACTOR -> ACTOR.matcher(key).matches() && (key.startsWith("did:") || key.length() <= MAX_HANDLE_LENGTH);
      case GENERIC -> true;
    };
    return matches ? Optional.empty() : Optional.of("'" + shown(key) + "' is not " + kind.description);
  }

  /** Bounded and printable: no control characters (newlines, tabs, NUL) and no unassigned or format characters. */
  private static Optional<String> generic(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("a partition key is empty");
    }
    if (key.length() > ApiLimits.MAX_PARTITION_KEY_LENGTH) {
      return Optional.of("a key of " + key.length() + " characters is longer than " + ApiLimits.MAX_PARTITION_KEY_LENGTH
          + " ('" + shown(key) + "')");
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

  private static boolean printable(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
  }

  /** A key, or any text from outside, as a message may quote it: short, and with its control characters escaped. */
  public static String shown(String key) {
    StringBuilder text = new StringBuilder();
    key.codePoints().limit(80).forEach(c -> text.append(printable(c) ? Character.toString(c) : "\\u%04x".formatted(c)));
    return key.length() > 80 ? text + "..." : text.toString();
  }
}
