package dev.eider.operator.asset.partition;

import dev.eider.contract.result.PartitionKeys;
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

  /** Bounded and printable, as the contract says of every key a run may publish. */
  private static Optional<String> generic(String key) {
    return PartitionKeys.problem(key);
  }

  /** A key, or any text from outside, as a message may quote it: short, and with its control characters escaped. */
  public static String shown(String key) {
    return PartitionKeys.shown(key);
  }
}
