package dev.eider.worker.bluesky.xrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.testkit.bluesky.BlueskyActor;
import dev.eider.testkit.bluesky.FakeBluesky;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against the fake over plain http. The fake drops h2c upgrades as the real Node.js
 * servers do (its own test proves a default JDK client fails there), so these calls pass only
 * because the client speaks HTTP/1.1.
 */
class XrpcClientTest {

  static FakeBluesky bluesky;

  @BeforeAll
  static void start() {
    bluesky = FakeBluesky.builder().members(2).feedLength(5).account("reader.test", "app-pass").start();
  }

  @AfterAll
  static void stop() {
    bluesky.close();
  }

  @Test
  void queriesAndProceduresWorkOverPlainHttp() {
    XrpcClient client = new XrpcClient(URI.create(bluesky.url()), new ObjectMapper(), Clock.systemUTC());
    BlueskyActor actor = bluesky.dataset().members().get(0);
    assertThat(client.service().getScheme()).isEqualTo("http");

    JsonNode profile = client.query("app.bsky.actor.getProfile", Map.of("actor", actor.did()), Optional.empty());
    JsonNode session = client.procedure("com.atproto.server.createSession",
        new ObjectMapper().createObjectNode().put("identifier", "reader.test").put("password", "app-pass"), Optional.empty());

    assertThat(profile.path("handle").asText()).isEqualTo(actor.handle());
    assertThat(session.path("handle").asText()).isEqualTo("reader.test");
    assertThat(bluesky.stats().refusedUpgrades()).isZero();
  }
}
