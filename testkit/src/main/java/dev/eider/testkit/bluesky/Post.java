package dev.eider.testkit.bluesky;

import java.time.Instant;
import java.util.List;

/**
 * One app.bsky.feed.post with what the AppView adds to it (counts, indexedAt). {@code replyRoot} and
 * {@code replyParent} are null for a top-level post; {@code embed} is null for plain text.
 */
public record Post(String uri, String cid, BlueskyActor author, String text, List<Facet> facets,
                   List<String> langs, Instant createdAt, Ref replyRoot, Ref replyParent, Embed embed,
                   Counts counts) {

    /** A strong reference (uri + cid) as used in reply refs and quote embeds. */
    public record Ref(String uri, String cid) {
    }

    public record Counts(int replies, int reposts, int likes, int quotes) {
    }

    public Ref ref() {
        return new Ref(uri, cid);
    }

    public boolean isReply() {
        return replyParent != null;
    }

    /** The AppView indexes our posts as they are created. */
    public Instant indexedAt() {
        return createdAt;
    }
}
