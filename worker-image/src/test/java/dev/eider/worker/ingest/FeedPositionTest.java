package dev.eider.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where an incremental run stops: at the newest item the last run stored, and nowhere before it. */
class FeedPositionTest {

  static final Instant T = Instant.parse("2026-11-01T12:00:00Z");
  static final FeedPosition STORED = new FeedPosition(T, "at://did:plc:x/app.bsky.feed.post/1#repost-by:did:plc:a");

  @Test
  void olderItemsAndTheStoredItemItselfWereReached() {
    assertThat(new FeedPosition(T.minusSeconds(1), "at://did:plc:x/app.bsky.feed.post/0").reached(STORED)).isTrue();
    assertThat(new FeedPosition(T, STORED.id()).reached(STORED)).isTrue();
  }

  @Test
  void theSamePostRepostedAgainLaterIsNew() {
    assertThat(new FeedPosition(T.plusSeconds(60), STORED.id()).reached(STORED)).isFalse();
  }

  @Test
  void anotherItemAtTheSameInstantIsNew() {
    assertThat(new FeedPosition(T, "at://did:plc:x/app.bsky.feed.post/2").reached(STORED)).isFalse();
  }
}
