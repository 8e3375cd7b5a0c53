package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.cli.TerminationMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Publishes partition keys in a run's result. The termination message holds 4096 bytes; a starter
 * pack's 150 DIDs do not fit as plain JSON, so when they do not, the keys go as
 * {@code partitionsGzip}: base64 of the gzip of the keys, one per line.
 */
final class PartitionKeysField {

  static final String PLAIN = "partitions";
  static final String GZIP = "partitionsGzip";

  private PartitionKeysField() {}

  static void put(ObjectNode result, List<String> keys) {
    ArrayNode plain = result.putArray(PLAIN);
    keys.forEach(plain::add);
    if (result.toString().getBytes(StandardCharsets.UTF_8).length <= TerminationMessage.MAX_BYTES) {
      return;
    }
    result.remove(PLAIN);
    result.put(GZIP, gzipBase64(String.join("\n", keys)));
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
}
