package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.bluesky.BlueskyApi;
import dev.eider.worker.bluesky.Page;
import dev.eider.worker.run.WorkerFailure;
import java.time.Clock;
import java.util.Optional;

/**
 * An actor's author feed into one object: every page (full), or the pages down to the newest item
 * a previous run stored (incremental). Items are streamed to the object page by page.
 */
public final class AuthorFeedIngestion {

  /** How much of the feed a run reads. */
  public enum Mode { FULL, INCREMENTAL }

  private final BlueskyApi api;
  private final ObjectMapper json;
  private final Clock clock;

  public AuthorFeedIngestion(BlueskyApi api, ObjectMapper json, Clock clock) {
    this.api = api;
    this.json = json;
    this.clock = clock;
  }

  public ObjectNode run(IngestRun run, String actor, String filter, Mode mode, int pageSize) {
    FeedCheckpoint checkpoint = new FeedCheckpoint(run.store(), run.asset(), run.partition(), json);
    Optional<FeedPosition> stored = mode == Mode.INCREMENTAL ? checkpoint.load() : Optional.empty();
    FeedPosition newest = null;
    int pages = 0;
    boolean reachedStored = false;
    try (NdjsonObjectWriter object = run.newObject(json)) {
      Optional<String> cursor = Optional.empty();
      do {
        Page page = api.getAuthorFeed(actor, filter, cursor, pageSize);
        pages++;
        for (JsonNode item : page.items()) {
          boolean pin = FeedPosition.isPin(item);
          FeedPosition position = pin ? null : position(item);
          if (position != null && stored.isPresent() && position.reached(stored.get())) {
            reachedStored = true;
            break;
          }
          if (newest == null && position != null) {
            newest = position;
          }
          object.write(item);
        }
        cursor = page.cursor();
      } while (cursor.isPresent() && !reachedStored);

      ObjectNode result = json.createObjectNode()
          .put("command", "ingest author-feed")
          .put("actor", actor)
          .put("filter", filter)
          .put("mode", mode.name().toLowerCase())
          .put("items", object.lines())
          .put("pages", pages)
          .put("retries", api.retries());
      if (object.lines() == 0) {
        result.putNull("objectKey");
        return result;
      }
      long bytes = object.commit();
      if (newest != null) {
        checkpoint.save(newest, object.key(), clock.instant());
        result.put("newestItemAt", newest.at().toString());
      }
      return result.put("objectKey", object.key()).put("bytes", bytes);
    }
  }

  private static FeedPosition position(JsonNode item) {
    try {
      return FeedPosition.of(item);
    } catch (IllegalArgumentException e) {
      throw WorkerFailure.failed("app.bsky.feed.getAuthorFeed: malformed response: " + e.getMessage(), e);
    }
  }
}
