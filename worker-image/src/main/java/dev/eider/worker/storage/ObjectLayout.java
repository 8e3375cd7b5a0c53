package dev.eider.worker.storage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run's raw objects live: {@code <prefix>/<asset>/<UTC yyyy-mm-dd>/<partition>/<run-id>.ndjson.gz}.
 * The partition key is percent-encoded (a DID's {@code :} and a URI's {@code /} cannot break the
 * layout, and the key decodes back exactly); an unpartitioned asset uses {@value #UNPARTITIONED}.
 * The run id starts with the UTC start time and ends with random bits, so two runs never write the
 * same key, even within a second.
 */
public final class ObjectLayout {

  public static final String UNPARTITIONED = "_";
  public static final String SUFFIX = ".ndjson.gz";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern RAW_KEY = Pattern.compile(
      "(?:(?<prefix>.*)/)?(?<asset>[^/]+)/(?<day>\\d{4}-\\d{2}-\\d{2})/(?<partition>[^/]+)/(?<run>[^/]+)" + Pattern.quote(SUFFIX));
  private static final SecureRandom RANDOM = new SecureRandom();

  private ObjectLayout() {}

  /** A new run id: {@code 20261125T093000Z-1a2b3c4d}. */
  public static String newRunId(Instant start) {
    byte[] bits = new byte[4];
    RANDOM.nextBytes(bits);
    return RUN_TIME.format(start.truncatedTo(ChronoUnit.SECONDS)) + "-" + HexFormat.of().formatHex(bits);
  }

  /** The path of a run's object, relative to the store's prefix. */
  public static String rawObjectPath(String asset, String partition, Instant start, String runId) {
    return assetDirectory(asset) + DAY.format(start) + "/" + encodePartition(partition) + "/" + runId + SUFFIX;
  }

  /** The path of an asset partition's ingestion checkpoint, relative to the store's prefix. */
  public static String checkpointPath(String asset, String partition) {
    return assetDirectory(asset) + "_checkpoints/" + encodePartition(partition) + ".json";
  }

  /** The directory (with trailing slash) under which an asset's objects are, relative to the prefix. */
  public static String assetDirectory(String asset) {
    return asset + "/";
  }

  public static String encodePartition(String partition) {
    if (partition == null || partition.isEmpty()) {
      return UNPARTITIONED;
    }
    // URLEncoder writes spaces as '+'; '%20' keeps the encoding plain percent-encoding.
    return URLEncoder.encode(partition, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String decodePartition(String encoded) {
    return UNPARTITIONED.equals(encoded) ? "" : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }

  /** The parts of a raw object key, or empty when the key is not one. */
  public static Optional<RawObject> parse(String key) {
    Matcher m = RAW_KEY.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new RawObject(key, m.group("asset"), m.group("day"), decodePartition(m.group("partition")), m.group("run")));
  }

  /** A raw object: its key and what the key says about it. */
  public record RawObject(String key, String asset, String day, String partition, String runId) {}
}
