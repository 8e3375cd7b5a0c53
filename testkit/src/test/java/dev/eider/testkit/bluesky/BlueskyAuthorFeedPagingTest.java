package dev.eider.testkit.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlueskyAuthorFeedPagingTest {

    private static final String GET_AUTHOR_FEED = "app.bsky.feed.getAuthorFeed";

    private FakeBluesky bluesky;
    private XrpcTestClient client;

    @BeforeEach
    void start() {
        bluesky = FakeBluesky.builder().seed(7).members(3).feedLength(1_234).start();
        client = new XrpcTestClient(bluesky.url());
    }

    @AfterEach
    void stop() {
        bluesky.close();
    }

    @Test
    void pagingWithLimit100Over1234ItemsGetsEveryItemOnceNewestFirstAndTheLastPageHasNoCursor() {
        BlueskyActor actor = bluesky.dataset().members().get(1);
        List<JsonNode> pages = new ArrayList<>();

        List<JsonNode> items = client.walkAuthorFeed(actor.handle(), 100, null, pages);

        assertThat(items).hasSize(1_234);
        assertThat(items.stream().map(BlueskyAuthorFeedPagingTest::feedKey).distinct()).hasSize(1_234);
        assertStrictlyDescending(items);
        assertThat(pages).hasSize(13);
        pages.subList(0, 12).forEach(page -> assertThat(page.path("feed")).hasSize(100));
        assertThat(pages.get(12).path("feed")).hasSize(34);
        assertThat(pages.get(12).has("cursor")).isFalse();
        assertThat(bluesky.stats().count(GET_AUTHOR_FEED)).isEqualTo(13);
    }

    @Test
    void cursorIsTheSortTimeAndCidOfTheLastItemReturned() {
        BlueskyActor actor = bluesky.dataset().members().get(0);

        JsonNode page = client.get(GET_AUTHOR_FEED, Map.of("actor", actor.did(), "limit", 5)).json();

        JsonNode last = page.path("feed").get(4);
        String cid = last.has("reason") ? last.path("reason").path("cid").asText() : last.path("post").path("cid").asText();
        assertThat(page.path("cursor").asText()).isEqualTo(sortAt(last).toEpochMilli() + "__" + cid)
                .matches("\\d{13}__bafyrei[a-z2-7]{52}");
    }

    @Test
    void actorMayBeGivenAsDidOrHandle() {
        BlueskyActor actor = bluesky.dataset().members().get(2);

        JsonNode byDid = client.get(GET_AUTHOR_FEED, Map.of("actor", actor.did(), "limit", 10)).json();
        JsonNode byHandle = client.get(GET_AUTHOR_FEED, Map.of("actor", actor.handle(), "limit", 10)).json();

        assertThat(byDid).isEqualTo(byHandle);
        assertThat(byDid.path("feed")).hasSize(10);
    }

    @Test
    void limitAbove100IsRejectedWithTheLexiconMessage() {
        XrpcTestClient.Reply reply = client.get(GET_AUTHOR_FEED, Map.of("actor", handle(), "limit", 101));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("InvalidRequest");
        assertThat(reply.message())
                .isEqualTo("Invalid app.bsky.feed.getAuthorFeed params: integer too big (maximum 100, got 101)");
    }

    @Test
    void limitBelow1IsRejectedWithTheLexiconMessage() {
        XrpcTestClient.Reply reply = client.get(GET_AUTHOR_FEED, Map.of("actor", handle(), "limit", 0));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("InvalidRequest");
        assertThat(reply.message())
                .isEqualTo("Invalid app.bsky.feed.getAuthorFeed params: integer too small (minimum 1, got 0)");
    }

    @Test
    void missingActorParamIsNamedInTheError() {
        XrpcTestClient.Reply reply = client.get(GET_AUTHOR_FEED, Map.of("limit", 10));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.message()).isEqualTo("Error: Params must have the property \"actor\"");
    }

    @Test
    void unknownActorIsProfileNotFound() {
        XrpcTestClient.Reply reply = client.get(GET_AUTHOR_FEED, Map.of("actor", "nobody-here.bsky.social"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(XrpcTestClient.JSON.createObjectNode()
                .put("error", "InvalidRequest").put("message", "Profile not found"));
    }

    @Test
    void malformedCursorIsAnInternalServerError() {
        XrpcTestClient.Reply reply = client.get(GET_AUTHOR_FEED, Map.of("actor", handle(), "cursor", "not-a-cursor"));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.error()).isEqualTo("InternalServerError");
        assertThat(reply.message()).isEqualTo("Internal Server Error");
    }

    @Test
    void aFeedOf200000ItemsPagesToItsEndWithoutBeingHeldInMemory() {
        BlueskyActor big = bluesky.dataset().registerActor("firehose.bsky.social", 200_000);
        BlueskyDataset dataset = bluesky.dataset();

        JsonNode top = client.get(GET_AUTHOR_FEED, Map.of("actor", big.handle(), "limit", 100)).json();
        JsonNode middle = client.get(GET_AUTHOR_FEED, Map.of("actor", big.handle(), "limit", 100,
                "cursor", dataset.entry(big, 100_000).cursor())).json();
        List<JsonNode> pages = new ArrayList<>();
        List<JsonNode> tail = client.walkAuthorFeed(big.handle(), 100, dataset.entry(big, 250).cursor(), pages);

        // The newest item is number 200,000 and, from the cursor of item 250, exactly 250 older items
        // remain down to the oldest: the feed holds 200,000 items and its end is reachable.
        assertThat(feedKey(top.path("feed").get(0))).isEqualTo(key(dataset.entry(big, 199_999)));
        assertThat(top.path("feed")).hasSize(100);
        assertThat(feedKey(middle.path("feed").get(0))).isEqualTo(key(dataset.entry(big, 99_999)));
        assertThat(tail).hasSize(250);
        assertThat(tail.stream().map(BlueskyAuthorFeedPagingTest::feedKey).distinct()).hasSize(250);
        assertStrictlyDescending(tail);
        assertThat(feedKey(tail.get(249))).isEqualTo(key(dataset.entry(big, 0)));
        assertThat(pages.get(pages.size() - 1).has("cursor")).isFalse();
    }

    @Test
    void filterPostsNoRepliesLeavesOutTheActorsReplies() {
        JsonNode page = client.get(GET_AUTHOR_FEED, Map.of("actor", handle(), "limit", 100,
                "filter", "posts_no_replies")).json();

        assertThat(page.path("feed")).hasSize(100);
        page.path("feed").forEach(item -> assertThat(item.path("post").path("record").has("reply")).isFalse());
    }

    @Test
    void filterPostsWithMediaKeepsOnlyTheActorsPostsWithImagesOrVideo() {
        BlueskyActor actor = bluesky.dataset().actor(handle());
        JsonNode page = client.get(GET_AUTHOR_FEED, Map.of("actor", actor.did(), "limit", 30,
                "filter", "posts_with_media")).json();

        assertThat(page.path("feed")).hasSize(30);
        for (JsonNode item : page.path("feed")) {
            assertThat(item.path("post").path("author").path("did").asText()).isEqualTo(actor.did());
            assertThat(item.path("post").path("embed").path("$type").asText()).isIn(
                    "app.bsky.embed.images#view", "app.bsky.embed.video#view", "app.bsky.embed.recordWithMedia#view");
        }
    }

    private String handle() {
        return bluesky.dataset().members().get(0).handle();
    }

    /** What identifies a feed item: the post, plus the repost record when it is a repost. */
    static String feedKey(JsonNode item) {
        return item.path("post").path("uri").asText() + "|" + item.path("reason").path("uri").asText("");
    }

    static String key(FeedEntry entry) {
        return entry.post().uri() + "|" + (entry.isRepost() ? entry.repost().uri() : "");
    }

    /** The time a feed is sorted by: the repost's for a repost, the post's otherwise. */
    static Instant sortAt(JsonNode item) {
        JsonNode time = item.has("reason") ? item.path("reason").path("indexedAt") : item.path("post").path("indexedAt");
        return Instant.parse(time.asText());
    }

    static void assertStrictlyDescending(List<JsonNode> items) {
        for (int i = 1; i < items.size(); i++) {
            assertThat(sortAt(items.get(i))).as("item %d is older than item %d", i, i - 1)
                    .isBefore(sortAt(items.get(i - 1)));
        }
    }
}
