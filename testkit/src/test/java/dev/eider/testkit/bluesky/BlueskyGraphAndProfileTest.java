package dev.eider.testkit.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlueskyGraphAndProfileTest {

    private FakeBluesky bluesky;
    private XrpcTestClient client;

    @BeforeEach
    void start() {
        bluesky = FakeBluesky.builder().seed(11).members(12).feedLength(40).start();
        client = new XrpcTestClient(bluesky.url());
    }

    @AfterEach
    void stop() {
        bluesky.close();
    }

    @Test
    void getListPagingReturnsEveryMemberExactlyOnceNewestFirst() {
        List<String> dids = new ArrayList<>();
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("list", bluesky.dataset().starterPack().listUri());
            params.put("limit", 5);
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page = client.get("app.bsky.graph.getList", params).json();
            pages.add(page);
            page.path("items").forEach(item -> dids.add(item.path("subject").path("did").asText()));
            cursor = page.path("cursor").asText(null);
        } while (cursor != null);

        List<String> expected = new ArrayList<>(bluesky.dataset().members().stream().map(BlueskyActor::did).toList());
        Collections.reverse(expected);
        assertThat(dids).containsExactlyElementsOf(expected).doesNotHaveDuplicates().hasSize(12);
        assertThat(pages).hasSize(3);
        assertThat(pages.get(2).has("cursor")).isFalse();
        assertThat(pages.get(0).path("list").path("listItemCount").asInt()).isEqualTo(12);
        assertThat(pages.get(0).path("list").path("purpose").asText()).isEqualTo("app.bsky.graph.defs#referencelist");
    }

    @Test
    void aMemberAddedLaterIsTheFirstListItem() {
        BlueskyActor added = bluesky.dataset().addMember("newcomer.bsky.social", 10);

        JsonNode page = client.get("app.bsky.graph.getList",
                Map.of("list", bluesky.dataset().starterPack().listUri(), "limit", 2)).json();

        assertThat(page.path("items").get(0).path("subject").path("did").asText()).isEqualTo(added.did());
        assertThat(page.path("list").path("listItemCount").asInt()).isEqualTo(13);
    }

    @Test
    void getStarterPackPointsAtTheListAndSamplesItsMembers() {
        StarterPack pack = bluesky.dataset().starterPack();

        JsonNode view = client.get("app.bsky.graph.getStarterPack", Map.of("starterPack", pack.uri())).json()
                .path("starterPack");

        assertThat(pack.uri()).matches("at://did:plc:[a-z2-7]{24}/app\\.bsky\\.graph\\.starterpack/[2-7a-z]{13}");
        assertThat(view.path("uri").asText()).isEqualTo(pack.uri());
        assertThat(view.path("record").path("$type").asText()).isEqualTo("app.bsky.graph.starterpack");
        assertThat(view.path("record").path("list").asText()).isEqualTo(pack.listUri());
        assertThat(view.path("list").path("uri").asText()).isEqualTo(pack.listUri());
        assertThat(view.path("list").path("listItemCount").asInt()).isEqualTo(12);
        assertThat(view.path("creator").path("did").asText()).isEqualTo(pack.creator().did());
        assertThat(view.path("listItemsSample")).hasSize(12);
        assertThat(view.has("joinedWeekCount")).isTrue();
        assertThat(view.has("joinedAllTimeCount")).isTrue();
    }

    @Test
    void unknownStarterPackIsNotFound() {
        XrpcTestClient.Reply reply = client.get("app.bsky.graph.getStarterPack",
                Map.of("starterPack", "at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.graph.starterpack/3n34s4wwmf225"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("InvalidRequest");
        assertThat(reply.message()).isEqualTo("Starter pack not found");
    }

    @Test
    void getProfileReturnsTheDetailedViewWithCounts() {
        BlueskyActor actor = bluesky.dataset().members().get(3);

        JsonNode profile = client.get("app.bsky.actor.getProfile", Map.of("actor", actor.handle())).json();

        assertThat(profile.path("did").asText()).isEqualTo(actor.did()).matches("did:plc:[a-z2-7]{24}");
        assertThat(profile.path("handle").asText()).isEqualTo(actor.handle());
        assertThat(profile.path("followersCount").asInt()).isEqualTo(actor.followersCount());
        assertThat(profile.path("followsCount").asInt()).isEqualTo(actor.followsCount());
        assertThat(profile.path("postsCount").asInt()).isBetween(1, 40);
        assertThat(profile.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void unknownProfileIsNotFound() {
        XrpcTestClient.Reply reply = client.get("app.bsky.actor.getProfile", Map.of("actor", "did:plc:zzzzzzzzzzzzzzzzzzzzzzzz"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("InvalidRequest");
        assertThat(reply.message()).isEqualTo("Profile not found");
    }

    @Test
    void unknownMethodIsNotImplemented() {
        XrpcTestClient.Reply reply = client.get("app.bsky.feed.getTimeline", Map.of());

        assertThat(reply.status()).isEqualTo(501);
        assertThat(reply.error()).isEqualTo("MethodNotImplemented");
        assertThat(reply.message()).isEqualTo("Method Not Implemented");
    }
}
