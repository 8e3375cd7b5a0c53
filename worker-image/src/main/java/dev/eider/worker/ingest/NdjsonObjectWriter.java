package dev.eider.worker.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.storage.ObjectUpload;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Items streamed into one gzip NDJSON object, one API item per line, exactly as the API returned
 * it. Lines go straight to the upload, so a feed of any length needs one page in memory.
 */
final class NdjsonObjectWriter implements AutoCloseable {

  private final ObjectUpload upload;
  private final GZIPOutputStream gzip;
  /** One generator for the whole object, not one per line: a feed is written an item at a time. */
  private final JsonGenerator lineWriter;
  private long lines;

  NdjsonObjectWriter(ObjectUpload upload, ObjectMapper json) {
    this.upload = upload;
    try {
      this.gzip = new GZIPOutputStream(upload, 64 * 1024);
      this.lineWriter = json.getFactory().createGenerator((OutputStream) gzip).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      // Lines end in '\n' and nothing else: no space between root values, as Jackson puts by default.
      lineWriter.setRootValueSeparator(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(JsonNode item) {
    try {
      lineWriter.writeTree(item);
      lineWriter.writeRaw('\n');
      lines++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long lines() {
    return lines;
  }

  /** Finishes the gzip stream and publishes the object; returns its compressed size. */
  long commit() {
    try {
      lineWriter.flush();
      gzip.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return upload.commit();
  }

  String key() {
    return upload.key();
  }

  @Override
  public void close() {
    upload.abort();
  }
}
