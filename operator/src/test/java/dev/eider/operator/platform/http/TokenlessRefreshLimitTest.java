package dev.eider.operator.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.testkit.time.ManualClock;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fabric8's token refresh on a client whose kubeconfig has no token (a client certificate, as kind
 * writes): fabric8's own interceptor reloads the kubeconfig for every request; the operator's asks
 * it at most once a minute, and leaves a client with a token alone. A token written into the file
 * later shows when the file was read again.
 */
class TokenlessRefreshLimitTest {

  static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

  @TempDir
  Path dir;

  private final ManualClock clock = new ManualClock(T0);

  /** The positive control: a refresh that finds no token does not count, so every request reloads the file. */
  @Test
  void fabric8sInterceptorReloadsATokenlessKubeconfigForEveryRequest() throws IOException {
    Path kubeconfig = kubeconfig(null);
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    Interceptor fabric8 = new TokenRefreshInterceptor(config, null, Instant.now().minus(Duration.ofMinutes(2)));

    assertThat(authorization(fabric8)).isNull();
    Files.writeString(kubeconfig, kubeconfigYaml("written-later"));

    assertThat(authorization(fabric8)).isEqualTo("Bearer written-later");
  }

  @Test
  void aTokenlessClientLooksForATokenAtMostOnceAMinute() throws IOException {
    Path kubeconfig = kubeconfig(null);
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    Interceptor limited = new TokenlessRefreshLimit(
        new TokenRefreshInterceptor(config, null, Instant.now().minus(Duration.ofMinutes(2))), config, clock);

    assertThat(authorization(limited)).isNull();
    clock.advance(Duration.ofSeconds(61));
    assertThat(authorization(limited)).as("reloaded at 61 s, no token yet").isNull();
    Files.writeString(kubeconfig, kubeconfigYaml("written-later"));

    clock.advance(Duration.ofSeconds(1));
    assertThat(authorization(limited)).as("62 s: the last look was a second ago").isNull();
    clock.advance(Duration.ofSeconds(58));
    assertThat(authorization(limited)).as("120 s: still under a minute since 61 s").isNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(authorization(limited)).as("121 s: a minute since the last look").isEqualTo("Bearer written-later");
    assertThat(authorization(limited)).as("with a token, every request carries it").isEqualTo("Bearer written-later");
  }

  @Test
  void aClientWithATokenSendsItOnEveryRequestWithoutWaiting() throws IOException {
    Config config = Config.fromKubeconfig(kubeconfig("from-the-start").toFile());
    Interceptor limited = new TokenlessRefreshLimit(new TokenRefreshInterceptor(config, null, Instant.now()), config, clock);

    assertThat(authorization(limited)).isEqualTo("Bearer from-the-start");
    assertThat(authorization(limited)).isEqualTo("Bearer from-the-start");
  }

  /** The operator's clients get the limit in place of fabric8's interceptor, under its name; fabric8's others stay. */
  @Test
  void theOperatorsClientFactoryPutsTheLimitInPlaceOfFabric8sTokenRefresh() throws IOException {
    Map<String, Interceptor> added = new LinkedHashMap<>();
    VertxHttpClientFactory recording = new VertxHttpClientFactory() {
      @Override
      public VertxHttpClientBuilder<VertxHttpClientFactory> newBuilder() {
        return new VertxHttpClientBuilder<>(this, null) {
          @Override
          public VertxHttpClientBuilder<VertxHttpClientFactory> addOrReplaceInterceptor(String name, Interceptor interceptor) {
            added.put(name, interceptor);
            return super.addOrReplaceInterceptor(name, interceptor);
          }
        };
      }
    };

    new StaleConnectionRetryFactory(recording).newBuilder(Config.fromKubeconfig(kubeconfig(null).toFile()));

    assertThat(added.get(TokenRefreshInterceptor.NAME)).isInstanceOf(TokenlessRefreshLimit.class);
    assertThat(added).containsKeys("HEADER", "IMPERSONATOR");
  }

  /** The Authorization header the interceptor puts on a new request, or null. */
  private static String authorization(Interceptor interceptor) {
    HttpRequest.Builder builder = new StandardHttpRequest.Builder().uri("https://127.0.0.1:6443/api/v1/namespaces");
    interceptor.before(builder, null, null);
    return builder.build().header("Authorization");
  }

  private Path kubeconfig(String token) throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), kubeconfigYaml(token));
  }

  private static String kubeconfigYaml(String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster: {server: "https://127.0.0.1:6443"}
        users:
        - name: test
          user: {%s}
        contexts:
        - name: test
          context: {cluster: test, user: test}
        current-context: test
        """.formatted(token == null ? "" : "token: " + token);
  }
}
