package dev.eider.testkit.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlueskySessionTest {

    private static final String HANDLE = "ingest.bsky.social";
    private static final String PASSWORD = "abcd-efgh-ijkl-mnop";

    private FakeBluesky bluesky;
    private XrpcTestClient client;
    private Map<String, Object> feedParams;

    @BeforeEach
    void start() {
        bluesky = FakeBluesky.builder().members(2).feedLength(20).account(HANDLE, PASSWORD).start();
        client = new XrpcTestClient(bluesky.url());
        feedParams = Map.of("actor", bluesky.dataset().members().get(0).handle(), "limit", 5);
    }

    @AfterEach
    void stop() {
        bluesky.close();
    }

    @Test
    void createSessionReturnsTokensAndTheAccountLikeThePds() throws Exception {
        XrpcTestClient.Reply login = client.login(HANDLE, PASSWORD);

        JsonNode session = login.json();
        BlueskyActor actor = bluesky.dataset().actor(HANDLE);
        assertThat(login.status()).isEqualTo(200);
        assertThat(session.path("did").asText()).isEqualTo(actor.did());
        assertThat(session.path("handle").asText()).isEqualTo(HANDLE);
        assertThat(session.path("active").asBoolean()).isTrue();
        assertThat(session.path("didDoc").path("service").get(0).path("serviceEndpoint").asText()).isEqualTo(bluesky.url());
        JsonNode claims = XrpcTestClient.JSON.readTree(Base64.getUrlDecoder()
                .decode(session.path("accessJwt").asText().split("\\.")[1]));
        assertThat(claims.path("sub").asText()).isEqualTo(actor.did());
        assertThat(claims.path("scope").asText()).isEqualTo("com.atproto.access");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(7200);
        assertThat(client.login(actor.did(), PASSWORD).status()).as("login by DID").isEqualTo(200);
        assertThat(client.login("ingest@example.com", PASSWORD).status()).as("login by email").isEqualTo(200);
    }

    @Test
    void wrongPasswordIs401AuthenticationRequired() {
        XrpcTestClient.Reply login = client.login(HANDLE, "wrong");

        assertThat(login.status()).isEqualTo(401);
        assertThat(login.error()).isEqualTo("AuthenticationRequired");
        assertThat(login.message()).isEqualTo("Invalid identifier or password");
    }

    @Test
    void anExpiredAccessTokenIsExpiredTokenAndRefreshingGivesAWorkingOne() throws Exception {
        // The fake's own clock, moved by the test: the lifetime is exact, whatever the machine's load.
        ManualClock clock = new ManualClock(Instant.parse("2026-01-15T10:00:00Z"));
        try (FakeBluesky timed = FakeBluesky.builder().members(2).feedLength(20).account(HANDLE, PASSWORD).clock(clock)
                .accessTokenLifetime(Duration.ofHours(2)).start()) {
            XrpcTestClient timedClient = new XrpcTestClient(timed.url());
            Map<String, Object> params = Map.of("actor", timed.dataset().members().get(0).handle(), "limit", 5);
            JsonNode session = timedClient.login(HANDLE, PASSWORD).json();
            String access = session.path("accessJwt").asText();
            XrpcTestClient.Reply fresh = timedClient.get("app.bsky.feed.getAuthorFeed", params, access);
            clock.advance(Duration.ofHours(2).minusSeconds(1));
            XrpcTestClient.Reply lastSecond = timedClient.get("app.bsky.feed.getAuthorFeed", params, access);
            clock.advance(Duration.ofSeconds(1));
            XrpcTestClient.Reply expired = timedClient.get("app.bsky.feed.getAuthorFeed", params, access);
            XrpcTestClient.Reply refreshed = timedClient.post("com.atproto.server.refreshSession", null,
                    session.path("refreshJwt").asText());
            XrpcTestClient.Reply again = timedClient.get("app.bsky.feed.getAuthorFeed", params,
                    refreshed.json().path("accessJwt").asText());

            assertThat(fresh.status()).isEqualTo(200);
            assertThat(lastSecond.status()).as("valid until the end of its lifetime").isEqualTo(200);
            assertThat(expired.status()).isEqualTo(400);
            assertThat(expired.error()).isEqualTo("ExpiredToken");
            assertThat(expired.message()).isEqualTo("Token has expired");
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.json().path("accessJwt").asText()).isNotEqualTo(access);
            assertThat(refreshed.json().path("did").asText()).isEqualTo(session.path("did").asText());
            assertThat(again.status()).isEqualTo(200);
            assertThat(timed.stats().refreshSessionCount()).isEqualTo(1);
        }
    }

    @Test
    void aRefreshedSessionWorksAndTheOldRefreshTokenIsRevoked() {
        JsonNode session = client.login(HANDLE, PASSWORD).json();
        bluesky.sessions().expireAccessTokens();
        String oldRefresh = session.path("refreshJwt").asText();

        XrpcTestClient.Reply refreshed = client.post("com.atproto.server.refreshSession", null, oldRefresh);
        XrpcTestClient.Reply read = client.get("app.bsky.feed.getAuthorFeed", feedParams,
                refreshed.json().path("accessJwt").asText());
        XrpcTestClient.Reply reused = client.post("com.atproto.server.refreshSession", null, oldRefresh);

        assertThat(read.status()).isEqualTo(200);
        assertThat(bluesky.stats().requests("app.bsky.feed.getAuthorFeed").get(0).authenticated()).isTrue();
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.error()).isEqualTo("ExpiredToken");
    }

    @Test
    void anUnknownTokenIsInvalidToken() {
        XrpcTestClient.Reply read = client.get("app.bsky.feed.getAuthorFeed", feedParams, "not.a.token");
        XrpcTestClient.Reply refresh = client.post("com.atproto.server.refreshSession", null, "not.a.token");

        assertThat(read.status()).isEqualTo(400);
        assertThat(read.error()).isEqualTo("InvalidToken");
        assertThat(read.message()).isEqualTo("Token could not be verified");
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.error()).isEqualTo("InvalidToken");
        assertThat(refresh.message()).isEqualTo("Token could not be verified");
    }

    @Test
    void aWellFormedJwtTheServerDidNotMintGetsExactlyThePdsAnswer() throws Exception {
        // A real access token from another PDS (the recorded example): well formed, signed, not ours.
        String foreign = "eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6ImNvbS5hdHByb3RvLmFjY2VzcyIsImF1ZCI6ImRpZDp3ZWI6bG9jYWxob3N0Iiwic3ViIjoiZGlkOnBsYzpmYzVhdWdlbTRoemxlcno3YzUzcnh2MmoiLCJpYXQiOjE3OTU1OTcwNzYsImV4cCI6MTc5NTYwNDI3Nn0.exJX-IRwJTwsMkk5WudLGsy7P7LDgsfH_Bi1MIx5jsI";

        XrpcTestClient.Reply read = client.get("app.bsky.feed.getAuthorFeed", feedParams, foreign);

        assertThat(read.status()).isEqualTo(400);
        assertThat(XrpcTestClient.JSON.readTree(read.raw().body()))
                .isEqualTo(XrpcTestClient.JSON.readTree("{\"error\":\"InvalidToken\",\"message\":\"Token could not be verified\"}"));
    }

    @Test
    void forgottenAccessTokensAreInvalidWhileTheirRefreshTokenStillWorks() {
        JsonNode session = client.login(HANDLE, PASSWORD).json();
        bluesky.sessions().forgetAccessTokens();

        XrpcTestClient.Reply read = client.get("app.bsky.feed.getAuthorFeed", feedParams, session.path("accessJwt").asText());
        XrpcTestClient.Reply refreshed = client.post("com.atproto.server.refreshSession", null,
                session.path("refreshJwt").asText());

        assertThat(read.status()).isEqualTo(400);
        assertThat(read.error()).isEqualTo("InvalidToken");
        assertThat(read.message()).isEqualTo("Token could not be verified");
        assertThat(refreshed.status()).isEqualTo(200);
    }

    @Test
    void afterForgettingAllTokensOnlyANewLoginGetsIn() {
        JsonNode session = client.login(HANDLE, PASSWORD).json();
        bluesky.sessions().forgetAllTokens();

        XrpcTestClient.Reply refresh = client.post("com.atproto.server.refreshSession", null,
                session.path("refreshJwt").asText());
        String access = client.login(HANDLE, PASSWORD).json().path("accessJwt").asText();
        XrpcTestClient.Reply read = client.get("app.bsky.feed.getAuthorFeed", feedParams, access);

        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.error()).isEqualTo("InvalidToken");
        assertThat(refresh.message()).isEqualTo("Token could not be verified");
        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void anAccessTokenCannotRefreshAndARefreshTokenCannotRead() {
        JsonNode session = client.login(HANDLE, PASSWORD).json();

        XrpcTestClient.Reply refreshWithAccess = client.post("com.atproto.server.refreshSession", null,
                session.path("accessJwt").asText());
        XrpcTestClient.Reply readWithRefresh = client.get("app.bsky.feed.getAuthorFeed", feedParams,
                session.path("refreshJwt").asText());

        assertThat(refreshWithAccess.status()).isEqualTo(400);
        assertThat(refreshWithAccess.error()).isEqualTo("InvalidToken");
        assertThat(readWithRefresh.status()).isEqualTo(400);
        assertThat(readWithRefresh.error()).isEqualTo("InvalidToken");
    }

    @Test
    void requireAuthRejectsAnonymousReadsAndAcceptsLoggedInOnes() {
        bluesky.sessions().requireAuth(true);

        XrpcTestClient.Reply anonymous = client.get("app.bsky.feed.getAuthorFeed", feedParams);
        String access = client.login(HANDLE, PASSWORD).json().path("accessJwt").asText();
        XrpcTestClient.Reply loggedIn = client.get("app.bsky.feed.getAuthorFeed", feedParams, access);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error()).isEqualTo("AuthenticationRequired");
        assertThat(loggedIn.status()).isEqualTo(200);
        assertThat(bluesky.stats().requests("app.bsky.feed.getAuthorFeed"))
                .extracting(RecordedRequest::authenticated).containsExactly(false, true);
    }

    @Test
    void publicReadsNeedNoLoginByDefault() {
        XrpcTestClient.Reply read = client.get("app.bsky.feed.getAuthorFeed", feedParams);

        assertThat(read.status()).isEqualTo(200);
        assertThat(bluesky.stats().requests().get(0).authenticated()).isFalse();
    }
}
