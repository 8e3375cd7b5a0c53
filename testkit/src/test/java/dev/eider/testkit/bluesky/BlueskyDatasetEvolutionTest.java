package dev.eider.testkit.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Determinism and growth: same seed, same bytes; publishing appends at the top and changes nothing older. */
class BlueskyDatasetEvolutionTest {

    private FakeBluesky bluesky;
    private XrpcTestClient client;

    @BeforeEach
    void start() {
        bluesky = FakeBluesky.builder().seed(99).members(4).feedLength(120).start();
        client = new XrpcTestClient(bluesky.url());
    }

    @AfterEach
    void stop() {
        bluesky.close();
    }

    @Test
    void publishAddsItemsAtTheTopAndLeavesOlderOnesByteIdentical() {
        BlueskyActor actor = bluesky.dataset().members().get(2);
        List<String> before = serialized(client.walkAuthorFeed(actor.did(), 50, null, new ArrayList<>()));
        String midCursor = bluesky.dataset().entry(actor, 60).cursor();
        String midPageBefore = client.get("app.bsky.feed.getAuthorFeed",
                Map.of("actor", actor.did(), "limit", 30, "cursor", midCursor)).raw().body();

        List<FeedEntry> published = bluesky.dataset().publish(actor, 7);
        List<JsonNode> afterItems = client.walkAuthorFeed(actor.did(), 50, null, new ArrayList<>());
        String midPageAfter = client.get("app.bsky.feed.getAuthorFeed",
                Map.of("actor", actor.did(), "limit", 30, "cursor", midCursor)).raw().body();

        assertThat(afterItems).hasSize(127);
        assertThat(afterItems.subList(0, 7)).extracting(BlueskyAuthorFeedPagingTest::feedKey)
                .containsExactlyElementsOf(published.stream().map(BlueskyAuthorFeedPagingTest::key).toList());
        assertThat(BlueskyAuthorFeedPagingTest.sortAt(afterItems.get(6)))
                .isAfter(BlueskyAuthorFeedPagingTest.sortAt(parse(before.get(0))));
        assertThat(serialized(afterItems.subList(7, 127))).containsExactlyElementsOf(before);
        assertThat(midPageAfter).isEqualTo(midPageBefore);
        assertThat(actor.feedSize()).isEqualTo(127);
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDifferentContent() {
        try (FakeBluesky twin = FakeBluesky.builder().seed(99).members(4).feedLength(120).start();
             FakeBluesky other = FakeBluesky.builder().seed(100).members(4).feedLength(120).start()) {
            String mine = firstPage(bluesky, client);
            String twins = firstPage(twin, new XrpcTestClient(twin.url()));
            String others = firstPage(other, new XrpcTestClient(other.url()));

            assertThat(twins).isEqualTo(mine);
            assertThat(others).isNotEqualTo(mine);
            assertThat(twin.dataset().starterPack().uri()).isEqualTo(bluesky.dataset().starterPack().uri());
        }
    }

    @Test
    void aRegisteredActorHasAFeedOfTheGivenLength() {
        BlueskyActor actor = bluesky.dataset().registerActor("Custom.Example.com", 257);

        List<JsonNode> items = client.walkAuthorFeed("custom.example.com", 100, null, new ArrayList<>());
        JsonNode profile = client.get("app.bsky.actor.getProfile", Map.of("actor", actor.did())).json();

        assertThat(items).hasSize(257);
        assertThat(profile.path("handle").asText()).isEqualTo("custom.example.com");
        assertThat(profile.path("postsCount").asInt()).isBetween(150, 257);
        assertThat(bluesky.dataset().members()).doesNotContain(actor);
    }

    @Test
    void generatedFeedsEndBeforeTheAnchor() {
        BlueskyActor actor = bluesky.dataset().members().get(0);
        JsonNode newest = client.get("app.bsky.feed.getAuthorFeed", Map.of("actor", actor.did(), "limit", 1)).json();

        Instant newestAt = BlueskyAuthorFeedPagingTest.sortAt(newest.path("feed").get(0));
        // Feeds end up to 6 hours before the anchor, minus at most one spacing (63 minutes).
        assertThat(newestAt).isBefore(BlueskyDataset.DEFAULT_ANCHOR)
                .isAfter(BlueskyDataset.DEFAULT_ANCHOR.minusSeconds(8 * 3600));
    }

    private static String firstPage(FakeBluesky server, XrpcTestClient http) {
        return http.get("app.bsky.feed.getAuthorFeed",
                Map.of("actor", server.dataset().members().get(1).did(), "limit", 100)).raw().body();
    }

    private static List<String> serialized(List<JsonNode> items) {
        return items.stream().map(JsonNode::toString).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return XrpcTestClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
