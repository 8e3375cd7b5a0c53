package dev.eider.testkit.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the generated network looks like on the wire: every kind of item, real identifiers, exact facets. */
class BlueskyGeneratedContentTest {

    private static FakeBluesky bluesky;
    private static XrpcTestClient client;
    /** Every member's whole feed, fetched once: the content under test is read-only. */
    private static Map<BlueskyActor, List<JsonNode>> feeds;

    @BeforeAll
    static void fetchAllFeeds() {
        bluesky = FakeBluesky.builder().seed(2024).members(12).feedLength(300).start();
        client = new XrpcTestClient(bluesky.url());
        feeds = new HashMap<>();
        for (BlueskyActor member : bluesky.dataset().members()) {
            feeds.put(member, client.walkAuthorFeed(member.did(), 100, null, new ArrayList<>()));
        }
    }

    @AfterAll
    static void stop() {
        bluesky.close();
    }

    @Test
    void repliesCarryReplyRefsInTheRecordAndTheThreadOnTheItem() {
        List<JsonNode> replies = items(item -> item.path("post").path("record").has("reply"));

        assertThat(replies).isNotEmpty().allSatisfy(item -> {
            JsonNode refs = item.path("post").path("record").path("reply");
            assertThat(item.path("reply").path("root").path("uri").asText()).isEqualTo(refs.path("root").path("uri").asText());
            assertThat(item.path("reply").path("parent").path("cid").asText()).isEqualTo(refs.path("parent").path("cid").asText());
            assertThat(item.path("reply").path("parent").path("$type").asText()).isEqualTo("app.bsky.feed.defs#postView");
        });
        assertThat(replies).anySatisfy(item -> assertThat(item.path("reply").has("grandparentAuthor")).isTrue());
        assertThat(replies).anySatisfy(item -> assertThat(item.path("reply").path("parent").path("author").path("did"))
                .isEqualTo(item.path("post").path("author").path("did")));
    }

    @Test
    void repostsAreOfSomeoneElsesPostWithARepostReason() {
        feeds.forEach((member, items) -> {
            List<JsonNode> reposts = items.stream().filter(item -> item.has("reason")).toList();
            assertThat(reposts).as("reposts of %s", member).isNotEmpty().allSatisfy(item -> {
                assertThat(item.path("reason").path("$type").asText()).isEqualTo("app.bsky.feed.defs#reasonRepost");
                assertThat(item.path("reason").path("by").path("did").asText()).isEqualTo(member.did());
                assertThat(item.path("reason").path("uri").asText()).startsWith("at://" + member.did() + "/app.bsky.feed.repost/");
                assertThat(item.path("post").path("author").path("did").asText()).isNotEqualTo(member.did());
            });
        });
    }

    @Test
    void theSamePostIsRepostedByTwoMembersAndLooksTheSameInBothFeeds() {
        Map<String, Set<String>> repostersByPost = new HashMap<>();
        Map<String, JsonNode> viewByPost = new HashMap<>();
        feeds.forEach((member, items) -> items.stream().filter(item -> item.has("reason")).forEach(item -> {
            String uri = item.path("post").path("uri").asText();
            repostersByPost.computeIfAbsent(uri, u -> new HashSet<>()).add(member.did());
            JsonNode earlier = viewByPost.putIfAbsent(uri, item.path("post"));
            if (earlier != null) {
                assertThat(item.path("post")).isEqualTo(earlier);
            }
        }));

        assertThat(repostersByPost.values()).anySatisfy(reposters -> assertThat(reposters).hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    void quotesAndQuotesWithMediaHaveRecordAndViewForms() {
        List<JsonNode> quotes = items(item -> embedType(item).equals("app.bsky.embed.record"));
        List<JsonNode> withMedia = items(item -> embedType(item).equals("app.bsky.embed.recordWithMedia"));

        assertThat(quotes).isNotEmpty().allSatisfy(item -> {
            JsonNode view = item.path("post").path("embed");
            assertThat(view.path("$type").asText()).isEqualTo("app.bsky.embed.record#view");
            assertThat(view.path("record").path("$type").asText()).isEqualTo("app.bsky.embed.record#viewRecord");
            assertThat(view.path("record").path("uri").asText())
                    .isEqualTo(item.path("post").path("record").path("embed").path("record").path("uri").asText());
            assertThat(view.path("record").path("value").path("$type").asText()).isEqualTo("app.bsky.feed.post");
        });
        assertThat(withMedia).isNotEmpty().allSatisfy(item -> {
            JsonNode record = item.path("post").path("record").path("embed");
            JsonNode view = item.path("post").path("embed");
            assertThat(record.path("record").path("$type").asText()).isEqualTo("app.bsky.embed.record");
            assertThat(record.path("media").path("$type").asText()).startsWith("app.bsky.embed.");
            assertThat(view.path("$type").asText()).isEqualTo("app.bsky.embed.recordWithMedia#view");
            assertThat(view.path("record").path("$type").asText()).isEqualTo("app.bsky.embed.record#view");
            assertThat(view.path("media").path("$type").asText()).endsWith("#view");
        });
    }

    @Test
    void externalEmbedsAndImagesCarryBlobRefsAndViews() {
        List<JsonNode> cards = items(item -> embedType(item).equals("app.bsky.embed.external"));
        List<JsonNode> images = items(item -> embedType(item).equals("app.bsky.embed.images"));

        assertThat(cards).isNotEmpty().allSatisfy(item -> {
            JsonNode external = item.path("post").path("record").path("embed").path("external");
            assertThat(external.path("uri").asText()).startsWith("https://");
            assertThat(item.path("post").path("embed").path("$type").asText()).isEqualTo("app.bsky.embed.external#view");
            assertThat(item.path("post").path("embed").path("external").path("uri")).isEqualTo(external.path("uri"));
        });
        assertThat(cards).anySatisfy(item -> assertThat(item.path("post").path("record").path("embed").path("external")
                .path("thumb").path("ref").path("$link").asText()).matches("bafkrei[a-z2-7]{52}"));
        assertThat(images).isNotEmpty().allSatisfy(item -> {
            JsonNode image = item.path("post").path("record").path("embed").path("images").get(0);
            assertThat(image.path("image").path("$type").asText()).isEqualTo("blob");
            assertThat(image.path("image").path("ref").path("$link").asText()).matches("bafkrei[a-z2-7]{52}");
            assertThat(image.path("image").path("mimeType").asText()).isEqualTo("image/jpeg");
            assertThat(image.path("aspectRatio").path("width").asInt()).isPositive();
            JsonNode view = item.path("post").path("embed");
            assertThat(view.path("$type").asText()).isEqualTo("app.bsky.embed.images#view");
            assertThat(view.path("images").get(0).path("fullsize").asText())
                    .contains(image.path("image").path("ref").path("$link").asText());
        });
    }

    @Test
    void linksPointAtTheSitesPeopleShare() {
        Set<String> hosts = new HashSet<>();
        allPosts().forEach(post -> post.path("record").path("facets").forEach(facet -> facet.path("features").forEach(f -> {
            if (f.has("uri")) {
                hosts.add(URI.create(f.path("uri").asText()).getHost());
            }
        })));

        assertThat(hosts).contains("www.youtube.com", "youtu.be", "github.com", "www.reddit.com", "medium.com");
        assertThat(hosts).anyMatch(host -> host.endsWith(".substack.com"));
        assertThat(hosts).anyMatch(host -> host.matches("www\\.(theguardian|nytimes|bbc|lemonde|heise)\\.(com|fr|de)"));
    }

    @Test
    void facetOffsetsAreUtf8ByteOffsetsEvenAfterEmojiAndAccents() {
        int checked = 0;
        boolean linkAfterNonAscii = false;
        for (JsonNode post : allPosts()) {
            String text = post.path("record").path("text").asText();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (JsonNode facet : post.path("record").path("facets")) {
                int start = facet.path("index").path("byteStart").asInt();
                int end = facet.path("index").path("byteEnd").asInt();
                String covered = new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8);
                JsonNode feature = facet.path("features").get(0);
                switch (feature.path("$type").asText()) {
                    case "app.bsky.richtext.facet#tag" -> assertThat(covered).isEqualTo("#" + feature.path("tag").asText());
                    case "app.bsky.richtext.facet#mention" -> assertThat(covered)
                            .isEqualTo("@" + bluesky.dataset().actor(feature.path("did").asText()).handle());
                    case "app.bsky.richtext.facet#link" -> {
                        String uri = feature.path("uri").asText();
                        assertThat(uri.equals(covered) || uri.replaceFirst("^https://(www\\.)?", "")
                                .startsWith(covered.replace("...", ""))).as("%s covers %s", covered, uri).isTrue();
                        linkAfterNonAscii |= text.substring(0, text.indexOf(covered)).chars().anyMatch(c -> c > 127);
                    }
                    default -> throw new AssertionError("unexpected facet " + feature);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(500);
        assertThat(linkAfterNonAscii).as("some link comes after multi-byte text").isTrue();
    }

    @Test
    void postsComeInSeveralLanguagesWithEmoji() {
        Set<String> langs = new HashSet<>();
        allPosts().forEach(post -> post.path("record").path("langs").forEach(lang -> langs.add(lang.asText())));

        assertThat(langs).contains("en", "de", "fr", "es", "pt", "ja");
        assertThat(allPosts()).anyMatch(post -> post.path("record").path("text").asText().codePoints().anyMatch(c -> c > 0xFFFF));
    }

    @Test
    void countsVaryFromNothingToViral() {
        List<Integer> likes = allPosts().stream().map(post -> post.path("likeCount").asInt()).toList();

        assertThat(likes).contains(0);
        assertThat(likes).anyMatch(count -> count > 1_000);
        assertThat(allPosts()).anyMatch(post -> post.path("quoteCount").asInt() > 0);
    }

    @Test
    void identifiersHaveTheShapesOfTheRealNetwork() {
        feeds.forEach((member, items) -> {
            assertThat(member.did()).matches("did:plc:[a-z2-7]{24}");
            assertThat(member.handle()).matches("[a-z0-9.-]+\\.[a-z]+");
            items.forEach(item -> {
                assertThat(item.path("post").path("uri").asText()).matches("at://did:plc:[a-z2-7]{24}/app\\.bsky\\.feed\\.post/[2-7a-z]{13}");
                assertThat(item.path("post").path("cid").asText()).matches("bafyrei[a-z2-7]{52}");
                assertThat(item.path("post").path("indexedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            });
        });
    }

    @Test
    void includePinsPutsThePinnedPostOnTopOfTheFirstPage() {
        BlueskyActor pinner = bluesky.dataset().members().stream()
                .filter(m -> client.get("app.bsky.actor.getProfile", Map.of("actor", m.did())).json().has("pinnedPost"))
                .findFirst().orElseThrow();
        String pinned = client.get("app.bsky.actor.getProfile", Map.of("actor", pinner.did())).json()
                .path("pinnedPost").path("uri").asText();

        JsonNode page = client.get("app.bsky.feed.getAuthorFeed", Map.of("actor", pinner.did(), "includePins", true,
                "limit", 5)).json();

        assertThat(page.path("feed").get(0).path("reason").path("$type").asText()).isEqualTo("app.bsky.feed.defs#reasonPin");
        assertThat(page.path("feed").get(0).path("post").path("uri").asText()).isEqualTo(pinned);
    }

    private static String embedType(JsonNode item) {
        return item.path("post").path("record").path("embed").path("$type").asText();
    }

    private static List<JsonNode> items(Predicate<JsonNode> filter) {
        return feeds.values().stream().flatMap(List::stream).filter(filter).toList();
    }

    /** Every post view in the feeds: the items' posts and the posts of their threads. */
    private static List<JsonNode> allPosts() {
        List<JsonNode> posts = new ArrayList<>();
        feeds.values().stream().flatMap(List::stream).forEach(item -> {
            posts.add(item.path("post"));
            if (item.has("reply")) {
                posts.add(item.path("reply").path("root"));
                posts.add(item.path("reply").path("parent"));
            }
        });
        return posts;
    }
}
