package dev.eider.testkit.bluesky;

import java.time.Instant;

/** One app.bsky.graph.listitem of the starter pack's list: who, and when they were added. */
public record ListMember(BlueskyActor actor, String uri, String cid, Instant indexedAt) {

    /** The getList cursor of the real AppView: indexedAt in epoch millis, "__", the item's CID. */
    public String cursor() {
        return indexedAt.toEpochMilli() + "__" + cid;
    }
}
