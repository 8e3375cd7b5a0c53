package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.bluesky.BlueskyApi;
import dev.eider.worker.bluesky.Page;
import dev.eider.worker.run.WorkerFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * An actor's author feed into one object: every page (full), or the pages down to the newest item
 * a previous run stored (incremental). Items are streamed to the object page by page, and the next
 * page is fetched while the items of this one are written: the API's latency and the compression
 * overlap instead of adding up. Fetches stay one at a time and in order (one cursor leads to the
 * next), and a page that reaches the stored item is the last one asked for.
 */
public final class AuthorFeedIngestion {

  /** How much of the feed a run reads. */
  public enum Mode { FULL, INCREMENTAL }

  /** A daemon: a fetch still waiting on the API must not keep a finished worker's JVM alive. */
  private static final ThreadFactory FETCH_THREAD = task -> {
    Thread thread = new Thread(task, "author-feed-fetch");
    thread.setDaemon(true);
    return thread;
  };

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
    ExecutorService fetcher = Executors.newSingleThreadExecutor(FETCH_THREAD);
    try (NdjsonObjectWriter object = run.newObject(json)) {
      Page page = api.getAuthorFeed(actor, filter, Optional.empty(), pageSize);
      while (page != null) {
        pages++;
        CompletableFuture<Page> next = null;
        if (stored.isEmpty()) {
          // Nothing to stop at: the next page is wanted whatever this one holds.
          next = fetchNext(fetcher, page, actor, filter, pageSize);
        }
        NewItems items = NewItems.of(page, stored);
        if (next == null && !items.reachedStored()) {
          next = fetchNext(fetcher, page, actor, filter, pageSize);
        }
        if (newest == null) {
          newest = items.newest();
        }
        items.list().forEach(object::write);
        page = next == null ? null : await(next);
      }

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
    } finally {
      // A run failing while a page is on its way does not wait for it.
      fetcher.shutdownNow();
    }
  }

  private CompletableFuture<Page> fetchNext(ExecutorService fetcher, Page page, String actor, String filter, int pageSize) {
    return page.cursor().map(cursor -> CompletableFuture.supplyAsync(
        () -> api.getAuthorFeed(actor, filter, Optional.of(cursor), pageSize), fetcher)).orElse(null);
  }

  /** The fetched page, or the fetch's own failure (a {@link WorkerFailure}, a malformed response) as if called here. */
  private static Page await(CompletableFuture<Page> next) {
    try {
      return next.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** The items of a page newer than the stored position, and the newest of them. */
  private record NewItems(List<JsonNode> list, FeedPosition newest, boolean reachedStored) {

    static NewItems of(Page page, Optional<FeedPosition> stored) {
      List<JsonNode> items = new ArrayList<>(page.items().size());
      FeedPosition newest = null;
      for (JsonNode item : page.items()) {
        FeedPosition position = FeedPosition.isPin(item) ? null : position(item);
        if (position != null && stored.isPresent() && position.reached(stored.get())) {
          return new NewItems(items, newest, true);
        }
        if (newest == null && position != null) {
          newest = position;
        }
        items.add(item);
      }
      return new NewItems(items, newest, false);
    }

    private static FeedPosition position(JsonNode item) {
      try {
        return FeedPosition.of(item);
      } catch (IllegalArgumentException e) {
        throw WorkerFailure.failed("app.bsky.feed.getAuthorFeed: malformed response: " + e.getMessage(), e);
      }
    }
  }
}
