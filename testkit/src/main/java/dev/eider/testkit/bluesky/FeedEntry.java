package dev.eider.testkit.bluesky;

import java.time.Instant;

/**
 * One item of an author feed (app.bsky.feed.defs#feedViewPost). {@code sortAt} orders the feed:
 * the post's time for the actor's own posts, the repost's time for a repost. {@code index} counts
 * from the oldest item (0), so it never changes when newer posts are published.
 */
public record FeedEntry(long index, Instant sortAt, Post post, ReplyContext reply, Repost repost) {

    /** The thread a reply sits in, as the feed shows it. */
    public record ReplyContext(Post root, Post parent, BlueskyActor grandparentAuthor) {
    }

    /** Why a post by someone else is in this feed: the actor reposted it. */
    public record Repost(BlueskyActor by, String uri, String cid, Instant indexedAt) {
    }

    public boolean isRepost() {
        return repost != null;
    }

    /** The cursor of the real AppView: sort time in epoch millis, "__", the CID of the feed record. */
    public String cursor() {
        return sortAt.toEpochMilli() + "__" + (repost != null ? repost.cid() : post.cid());
    }
}
