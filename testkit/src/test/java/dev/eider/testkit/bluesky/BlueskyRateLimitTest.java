package dev.eider.testkit.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlueskyRateLimitTest {

    private FakeBluesky bluesky;
    private XrpcTestClient client;
    private Map<String, Object> profileParams;

    @BeforeEach
    void start() {
        bluesky = FakeBluesky.builder().members(2).feedLength(10).account("ingest.bsky.social", "app-password")
                .start();
        client = new XrpcTestClient(bluesky.url());
        profileParams = Map.of("actor", bluesky.dataset().members().get(0).handle());
    }

    @AfterEach
    void stop() {
        bluesky.close();
    }

    @Test
    void everyResponseCarriesRateLimitHeadersWithRemainingDecreasing() {
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            XrpcTestClient.Reply reply = client.get("app.bsky.actor.getProfile", profileParams);
            assertThat(reply.header("RateLimit-Limit")).isEqualTo("3000");
            assertThat(reply.header("RateLimit-Policy")).isEqualTo("3000;w=300");
            assertThat(Long.parseLong(reply.header("RateLimit-Reset")))
                    .isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 301);
            remaining.add(Integer.parseInt(reply.header("RateLimit-Remaining")));
        }
        XrpcTestClient.Reply error = client.get("app.bsky.feed.getAuthorFeed", Map.of("actor", "nobody.test"));

        assertThat(remaining).containsExactly(2999, 2998, 2997, 2996);
        assertThat(error.header("RateLimit-Remaining")).isEqualTo("2995");
    }

    @Test
    void exhaustingTheGlobalWindowAnswers429WithRetryAfterUntilTheWindowResets() {
        bluesky.rateLimits().global(5, Duration.ofMinutes(1));

        List<Integer> statuses = new ArrayList<>();
        XrpcTestClient.Reply last = null;
        for (int i = 0; i < 6; i++) {
            last = client.get("app.bsky.actor.getProfile", profileParams);
            statuses.add(last.status());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(last.error()).isEqualTo("RateLimitExceeded");
        assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(last.header("RateLimit-Policy")).isEqualTo("5;w=60");
        assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(55, 60);
        bluesky.rateLimits().reset();
        assertThat(client.get("app.bsky.actor.getProfile", profileParams).status()).isEqualTo(200);
    }

    @Test
    void the31stCreateSessionWithinFiveMinutesIsRateLimited() {
        List<XrpcTestClient.Reply> logins = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            logins.add(client.login("ingest.bsky.social", "app-password"));
        }

        assertThat(logins.subList(0, 30)).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(logins.get(0).header("RateLimit-Limit")).isEqualTo("30");
        assertThat(logins.get(0).header("RateLimit-Remaining")).isEqualTo("29");
        assertThat(logins.get(0).header("RateLimit-Policy")).isEqualTo("30;w=300");
        XrpcTestClient.Reply refused = logins.get(30);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.error()).isEqualTo("RateLimitExceeded");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(290, 300);
        assertThat(bluesky.stats().createSessionCount()).isEqualTo(31);
    }
}
