package dev.eider.testkit.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlueskyFaultsTest {

    private static final String GET_AUTHOR_FEED = "app.bsky.feed.getAuthorFeed";
    private static final String GET_PROFILE = "app.bsky.actor.getProfile";

    private FakeBluesky bluesky;
    private XrpcTestClient client;
    private Map<String, Object> feedParams;

    @BeforeEach
    void start() {
        bluesky = FakeBluesky.builder().members(2).feedLength(30).start();
        client = new XrpcTestClient(bluesky.url());
        feedParams = Map.of("actor", bluesky.dataset().members().get(0).did(), "limit", 10);
    }

    @AfterEach
    void stop() {
        bluesky.close();
    }

    @Test
    void rateLimitNextAnswers429WithRetryAfterThenServesNormally() {
        bluesky.faults().rateLimitNext(2, Duration.ofSeconds(7));

        XrpcTestClient.Reply first = client.get(GET_AUTHOR_FEED, feedParams);
        XrpcTestClient.Reply second = client.get(GET_AUTHOR_FEED, feedParams);
        XrpcTestClient.Reply third = client.get(GET_AUTHOR_FEED, feedParams);

        for (XrpcTestClient.Reply limited : List.of(first, second)) {
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.error()).isEqualTo("RateLimitExceeded");
            assertThat(limited.message()).isEqualTo("Rate Limit Exceeded");
            assertThat(limited.header("Retry-After")).isEqualTo("7");
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(Long.parseLong(limited.header("RateLimit-Reset")))
                    .isBetween(Instant.now().getEpochSecond() + 5, Instant.now().getEpochSecond() + 9);
        }
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.json().path("feed")).hasSize(10);
        assertThat(bluesky.stats().requests(GET_AUTHOR_FEED)).extracting(RecordedRequest::status)
                .containsExactly(429, 429, 200);
    }

    @Test
    void serverErrorNextFailsThatManyRequestsThenServesNormally() {
        bluesky.faults().serverErrorNext(3, 503);

        List<Integer> statuses = List.of(client.get(GET_AUTHOR_FEED, feedParams), client.get(GET_AUTHOR_FEED, feedParams),
                client.get(GET_AUTHOR_FEED, feedParams), client.get(GET_AUTHOR_FEED, feedParams))
                .stream().map(XrpcTestClient.Reply::status).toList();

        assertThat(statuses).containsExactly(503, 503, 503, 200);
    }

    @Test
    void serverErrorNextUsesTheXrpcErrorNameOfTheStatus() {
        bluesky.faults().serverErrorNext(1, 502);

        XrpcTestClient.Reply reply = client.get(GET_AUTHOR_FEED, feedParams);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.error()).isEqualTo("UpstreamFailure");
        assertThat(reply.header("RateLimit-Limit")).isEqualTo("3000");
    }

    @Test
    void serverErrorAlwaysFailsEveryRequestUntilCleared() {
        bluesky.faults().serverErrorAlways(502);

        for (int i = 0; i < 5; i++) {
            assertThat(client.get(GET_AUTHOR_FEED, feedParams).status()).isEqualTo(502);
        }
        assertThat(client.get(GET_PROFILE, Map.of("actor", feedParams.get("actor"))).status()).isEqualTo(502);
        bluesky.faults().clear();
        assertThat(client.get(GET_AUTHOR_FEED, feedParams).status()).isEqualTo(200);
    }

    @Test
    void faultsScopedToAMethodLeaveOtherMethodsAlone() {
        bluesky.faults().forMethod(GET_AUTHOR_FEED).serverErrorAlways(500);

        assertThat(client.get(GET_PROFILE, Map.of("actor", feedParams.get("actor"))).status()).isEqualTo(200);
        assertThat(client.get(GET_AUTHOR_FEED, feedParams).status()).isEqualTo(500);
        bluesky.faults().forMethod(GET_AUTHOR_FEED).clear();
        assertThat(client.get(GET_AUTHOR_FEED, feedParams).status()).isEqualTo(200);
    }

    @Test
    void delaySlowsResponsesByAtLeastTheDelayWithoutBlockingOtherRequests() throws Exception {
        Duration delay = Duration.ofSeconds(2);
        bluesky.faults().forMethod(GET_AUTHOR_FEED).delay(delay);

        long start = System.nanoTime();
        CompletableFuture<XrpcTestClient.Reply> slow = CompletableFuture.supplyAsync(() -> client.get(GET_AUTHOR_FEED, feedParams));
        // Other requests keep going while the slow one waits. No bound on how fast they are: the
        // request log shows one of them served inside the slow request's delay, which a server
        // blocked by the delay could not do.
        int fast = 0;
        while (!slow.isDone()) {
            assertThat(client.get(GET_PROFILE, Map.of("actor", feedParams.get("actor"))).status()).isEqualTo(200);
            fast++;
            Thread.sleep(20);
        }
        XrpcTestClient.Reply delayed = slow.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(delayed.status()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(delay).as("a delay, not a hang").isLessThan(delay.plusSeconds(60));
        List<RecordedRequest> log = bluesky.stats().requests();
        RecordedRequest slowRequest = log.stream().filter(r -> r.method().equals(GET_AUTHOR_FEED)).findFirst().orElseThrow();
        assertThat(log.stream().filter(r -> r.method().equals(GET_PROFILE))).hasSize(fast)
                .as("a request served while the delayed one waited")
                .anySatisfy(r -> assertThat(r.arrivedNanos()).isBetween(slowRequest.arrivedNanos(),
                        slowRequest.arrivedNanos() + delay.toNanos()));
    }

    @Test
    void malformedNextSendsA200WithTruncatedJsonOnce() {
        bluesky.faults().malformedNext(1);

        XrpcTestClient.Reply broken = client.get(GET_AUTHOR_FEED, feedParams);
        XrpcTestClient.Reply next = client.get(GET_AUTHOR_FEED, feedParams);

        assertThat(broken.status()).isEqualTo(200);
        assertThatThrownBy(() -> XrpcTestClient.JSON.readTree(broken.raw().body()))
                .isInstanceOf(JsonProcessingException.class);
        assertThat(next.json().path("feed")).hasSize(10);
    }

    @Test
    void malformedNextWithMissingFieldsSendsAFeedPageWithoutFeed() {
        bluesky.faults().malformedNext(1, BlueskyFaults.Malformation.MISSING_FIELDS);

        XrpcTestClient.Reply broken = client.get(GET_AUTHOR_FEED, feedParams);

        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.json().has("feed")).isFalse();
        assertThat(broken.json().path("cursor").asText()).matches("\\d+__bafyrei[a-z2-7]+");
    }

    @Test
    void requestLogRecordsMethodParamsAndArrivalTimesInOrderSoBackoffCanBeMeasured() throws Exception {
        bluesky.faults().serverErrorNext(1, 503);

        client.get(GET_AUTHOR_FEED, feedParams);
        Thread.sleep(150); // a client backing off before its retry
        client.get(GET_AUTHOR_FEED, feedParams);

        List<RecordedRequest> log = bluesky.stats().requests();
        assertThat(log).hasSize(2);
        assertThat(log).extracting(RecordedRequest::method).containsOnly(GET_AUTHOR_FEED);
        assertThat(log).extracting(RecordedRequest::status).containsExactly(503, 200);
        assertThat(log.get(0).params()).containsEntry("actor", (String) feedParams.get("actor")).containsEntry("limit", "10");
        assertThat(Duration.ofNanos(log.get(1).arrivedNanos() - log.get(0).arrivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(log.get(1).arrivedAt()).isAfter(log.get(0).arrivedAt());
        assertThat(bluesky.stats().counts()).containsEntry(GET_AUTHOR_FEED, 2L);
    }
}
