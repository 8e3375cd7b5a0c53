package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.storage.ObjectLayout;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.ObjectUpload;
import java.time.Instant;

/** One ingestion run: which asset and partition it materializes, where its object goes, when it started. */
public record IngestRun(ObjectStore store, String asset, String partition, Instant start, String runId) {

  public static IngestRun start(ObjectStore store, String asset, String partition, Instant now) {
    return new IngestRun(store, asset, partition, now, ObjectLayout.newRunId(now));
  }

  NdjsonObjectWriter newObject(ObjectMapper json) {
    String key = store.key(ObjectLayout.rawObjectPath(asset, partition, start, runId));
    return new NdjsonObjectWriter(new ObjectUpload(store.s3(), store.bucket(), key, "application/x-ndjson"), json);
  }
}
