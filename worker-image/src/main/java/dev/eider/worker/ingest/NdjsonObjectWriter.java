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

  private static final byte[] NEWLINE = {'\n'};

  private final ObjectUpload upload;
  private final GZIPOutputStream gzip;
  private final ObjectMapper json;
  private long lines;

  NdjsonObjectWriter(ObjectUpload upload, ObjectMapper json) {
    this.upload = upload;
    this.json = json.copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    try {
      this.gzip = new GZIPOutputStream(upload, 64 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(JsonNode item) {
    try {
      json.writeValue((OutputStream) gzip, item);
      gzip.write(NEWLINE);
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
