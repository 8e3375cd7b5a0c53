package dev.eider.testkit.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake answers an h2c upgrade as the real Node.js PDS and AppView do: an empty reply. */
class BlueskyH2cUpgradeTest {

    private FakeBluesky bluesky;
    private URI profile;

    @BeforeEach
    void start() {
        bluesky = FakeBluesky.builder().members(2).feedLength(5).start();
        profile = URI.create(bluesky.url() + "/xrpc/app.bsky.actor.getProfile?actor="
                + bluesky.dataset().members().get(0).did());
    }

    @AfterEach
    void stop() {
        bluesky.close();
    }

    @Test
    void aDefaultJdkClientAsksForH2cAndGetsItsConnectionClosed() {
        HttpClient http2ByDefault = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThat(http2ByDefault.version()).isEqualTo(HttpClient.Version.HTTP_2);

        assertThatThrownBy(() -> http2ByDefault.send(HttpRequest.newBuilder(profile).GET().build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("received no bytes");
        // The JDK retries an idempotent request once on a closed connection: one or two refusals.
        assertThat(bluesky.stats().refusedUpgrades()).isBetween(1L, 2L);
        assertThat(bluesky.stats().total()).as("never reached XRPC").isZero();
    }

    @Test
    void anHttp11ClientIsServed() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = http11.send(HttpRequest.newBuilder(profile).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(bluesky.stats().refusedUpgrades()).isZero();
        assertThat(bluesky.stats().count("app.bsky.actor.getProfile", 200)).isEqualTo(1);
    }

    @Test
    void aRawUpgradeRequestGetsAnEmptyReplyAsFromCurl() throws Exception {
        // What `curl -H "Upgrade: h2c" -H "Connection: Upgrade"` sends; the JDK client cannot set Upgrade itself.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bluesky.port())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + profile.getRawPath() + "?" + profile.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: websocket, h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAAQBAAAAAAIAAAAA\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
        }
        assertThat(bluesky.stats().refusedUpgrades()).isEqualTo(1);
    }

    @Test
    void aRawRequestWithoutUpgradeIsAnswered() throws Exception {
        // The control for the test above: the same socket conversation minus the upgrade gets a response.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bluesky.port())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + profile.getRawPath() + "?" + profile.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
        }
        assertThat(bluesky.stats().refusedUpgrades()).isZero();
    }
}
