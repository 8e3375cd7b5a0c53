package dev.eider.testkit.bluesky;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An account of the fake network. Everything but the feed size is fixed at creation; the feed
 * itself is generated on demand from {@link #seed()} and an index (see {@code FeedGenerator}).
 */
public final class BlueskyActor {

    private final String did;
    private final String handle;
    private final String displayName;
    private final String description;
    private final String avatarCid;
    private final Instant createdAt;
    private final long seed;
    private final String language;
    private final int followersCount;
    private final int followsCount;
    private final FeedTimeline timeline;
    private final AtomicInteger feedSize;

    BlueskyActor(String did, String handle, String displayName, String description, String avatarCid,
                 Instant createdAt, long seed, String language, int followersCount, int followsCount,
                 FeedTimeline timeline, int feedSize) {
        this.did = did;
        this.handle = handle;
        this.displayName = displayName;
        this.description = description;
        this.avatarCid = avatarCid;
        this.createdAt = createdAt;
        this.seed = seed;
        this.language = language;
        this.followersCount = followersCount;
        this.followsCount = followsCount;
        this.timeline = timeline;
        this.feedSize = new AtomicInteger(feedSize);
    }

    public String did() {
        return did;
    }

    public String handle() {
        return handle;
    }

    /** Null when the account never set one, as for many real accounts. */
    public String displayName() {
        return displayName;
    }

    /** Null when the account has no bio. */
    public String description() {
        return description;
    }

    /** Null when the account has no avatar. */
    public String avatarUrl() {
        return avatarCid == null ? null
                : "https://cdn.bsky.app/img/avatar/plain/" + did + "/" + avatarCid + "@jpeg";
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Number of items in this actor's author feed (posts, replies, quotes and reposts). */
    public int feedSize() {
        return feedSize.get();
    }

    /** The main language this actor posts in (BCP-47, e.g. "en", "de", "ja"). */
    public String language() {
        return language;
    }

    public int followersCount() {
        return followersCount;
    }

    public int followsCount() {
        return followsCount;
    }

    long seed() {
        return seed;
    }

    FeedTimeline timeline() {
        return timeline;
    }

    void grow(int items) {
        feedSize.addAndGet(items);
    }

    @Override
    public String toString() {
        return handle + " (" + did + ")";
    }
}
