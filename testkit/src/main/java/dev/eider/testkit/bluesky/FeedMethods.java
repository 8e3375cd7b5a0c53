package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * app.bsky.feed.getAuthorFeed: newest first, keyset-paged by "{sortAt millis}__{cid}" cursors, no
 * cursor on the last page. Pages are generated on demand, so paging a 200,000-item feed from any
 * cursor costs only the page.
 */
final class FeedMethods {

    static final String GET_AUTHOR_FEED = "app.bsky.feed.getAuthorFeed";
    /** A filtered page stops after this many items, like the AppView, returning fewer items and a cursor. */
    private static final int MAX_SCAN = 5_000;

    private final BlueskyDataset dataset;

    FeedMethods(BlueskyDataset dataset) {
        this.dataset = dataset;
    }

    XrpcResponse getAuthorFeed(XrpcRequest request) {
        XrpcParams params = new XrpcParams(request);
        String actorParam = params.actor("actor");
        int limit = params.integer("limit", 1, 100, 50);
        String cursor = params.optional("cursor").orElse(null);
        AuthorFeedFilter filter = AuthorFeedFilter.parse(params.optional("filter").orElse("posts_with_replies"));
        boolean includePins = params.bool("includePins", false);
        BlueskyActor actor = dataset.find(actorParam)
                .orElseThrow(() -> XrpcError.invalidRequest("Profile not found"));
        FeedGenerator generator = dataset.generator();

        long size = actor.feedSize();
        long next = cursor == null ? size - 1 : actor.timeline().indexBefore(SortCursor.millis(cursor), size);
        ObjectNode body = XrpcResponse.MAPPER.createObjectNode();
        ArrayNode feed = body.putArray("feed");
        long pinned = includePins && cursor == null ? generator.pinnedIndex(actor) : -1;
        if (pinned >= 0) {
            feed.add(PostViews.pinnedItem(generator.entry(actor, pinned).post()));
        }
        FeedEntry last = null;
        int taken = 0;
        for (int scanned = 0; next >= 0 && taken < limit && scanned < MAX_SCAN; scanned++, next--) {
            if (filter.accepts(generator.shape(actor, next))) {
                last = generator.entry(actor, next);
                feed.add(PostViews.feedItem(last));
                taken++;
            }
        }
        if (next >= 0) {
            // More items remain: point after the last item looked at, even if the filter dropped it.
            FeedEntry scannedLast = last != null && last.index() == next + 1 ? last : generator.entry(actor, next + 1);
            body.put("cursor", scannedLast.cursor());
        }
        return XrpcResponse.ok(body);
    }
}
