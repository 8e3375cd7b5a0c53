package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.storage.ObjectLayout;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.S3Failures;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Where incremental ingestion of a feed stopped: the newest item already stored. It is one small
 * object, written with a single PutObject only after the data object is complete, so a run killed
 * at any point leaves either the old checkpoint (the next run fetches the same items again, which
 * the models deduplicate) or the new one, never a checkpoint ahead of the data.
 */
final class FeedCheckpoint {

  private final ObjectStore store;
  private final String key;
  private final ObjectMapper json;

  FeedCheckpoint(ObjectStore store, String asset, String partition, ObjectMapper json) {
    this.store = store;
    this.key = store.key(ObjectLayout.checkpointPath(asset, partition));
    this.json = json;
  }

  /** The newest stored item, or empty when nothing was stored yet. */
  Optional<FeedPosition> load() {
    try {
      byte[] bytes = store.s3().getObjectAsBytes(b -> b.bucket(store.bucket()).key(key)).asByteArray();
      JsonNode node = json.readTree(bytes);
      return Optional.of(new FeedPosition(Instant.parse(node.path("newestItemAt").asText()), node.path("newestItemId").asText()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, 404)) {
        return Optional.empty();
      }
      throw S3Failures.of(e, "reading the checkpoint s3://" + store.bucket() + "/" + key);
    } catch (IOException | RuntimeException e) {
      throw WorkerFailure.failed("cannot read the checkpoint " + key + ": " + e.getMessage(), e);
    }
  }

  void save(FeedPosition newest, String objectKey, Instant now) {
    ObjectNode node = json.createObjectNode()
        .put("newestItemAt", newest.at().toString())
        .put("newestItemId", newest.id())
        .put("objectKey", objectKey)
        .put("updatedAt", now.toString());
    try {
      store.s3().putObject(b -> b.bucket(store.bucket()).key(key).contentType("application/json"),
          RequestBody.fromString(node.toString()));
    } catch (SdkException e) {
      throw S3Failures.of(e, "saving the checkpoint s3://" + store.bucket() + "/" + key);
    }
  }
}
