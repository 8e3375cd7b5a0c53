package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where a feed item sits in its feed: the time the feed is sorted by (a repost's time, else the
 * post's indexedAt) and an identity (the post URI, plus the reposter for a repost).
 */
record FeedPosition(Instant at, String id) {

  static FeedPosition of(JsonNode feedItem) {
    JsonNode reason = feedItem.path("reason");
    boolean repost = reason.path("$type").asText().endsWith("#reasonRepost");
    String time = repost ? reason.path("indexedAt").asText() : feedItem.path("post").path("indexedAt").asText();
    String id = feedItem.path("post").path("uri").asText() + (repost ? "#repost-by:" + reason.path("by").path("did").asText() : "");
    try {
      return new FeedPosition(Instant.parse(time), id);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("feed item " + id + " has no valid indexedAt ('" + time + "')", e);
    }
  }

  /**
   * Whether this item was already stored by a run that stopped at {@code newestStored}: it is
   * older, or it is that very item. The same post reposted again later (undo, then repost) is a new
   * item with the same identity but a newer time, so identity alone does not decide.
   */
  boolean reached(FeedPosition newestStored) {
    return at.isBefore(newestStored.at) || at.equals(newestStored.at) && id.equals(newestStored.id);
  }

  /** A pinned post heads the feed out of order, so it says nothing about where new items end. */
  static boolean isPin(JsonNode feedItem) {
    return feedItem.path("reason").path("$type").asText().endsWith("#reasonPin");
  }
}
