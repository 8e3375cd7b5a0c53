package dev.eider.operator.platform.http;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * fabric8's {@link TokenRefreshInterceptor}, asked at most once a minute to look for a token when
 * the client has none.
 *
 * <p>That interceptor reloads the configuration (kubeconfig files, environment, service account
 * files) when its last refresh is a minute old, and records a refresh only when it found a token.
 * A client that authenticates with a certificate (kind, k3d and minikube kubeconfigs; the test
 * clusters) never finds one, so it reloaded and parsed the kubeconfig on every request: in the
 * operator's profile while it launched 1,000 Jobs, 18 % of its CPU (docs/benchmarks.md). With a
 * token, every request still goes through fabric8's interceptor, which sets the header and keeps
 * its own minute; a 401 always makes it refresh at once.
 */
final class TokenlessRefreshLimit implements Interceptor {

  static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Interceptor refresh;
  private final Config config;
  private final Clock clock;
  private final AtomicReference<Instant> nextTokenlessRefresh;

  TokenlessRefreshLimit(Interceptor refresh, Config config, Clock clock) {
    this.refresh = refresh;
    this.config = config;
    this.clock = clock;
    this.nextTokenlessRefresh = new AtomicReference<>(clock.instant().plus(INTERVAL));
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (hasTokenOrPassword() || tokenlessRefreshDue()) {
      refresh.before(builder, request, tags);
    }
  }

  private boolean hasTokenOrPassword() {
    return config.getOauthTokenProvider() != null || notEmpty(config.getOauthToken()) || notEmpty(config.getAutoOAuthToken())
        || notEmpty(config.getUsername());
  }

  /** True for one caller a minute: concurrent requests must not all reload the configuration at once. */
  private boolean tokenlessRefreshDue() {
    Instant now = clock.instant();
    Instant next = nextTokenlessRefresh.get();
    return !now.isBefore(next) && nextTokenlessRefresh.compareAndSet(next, now.plus(INTERVAL));
  }

  private static boolean notEmpty(String value) {
    return value != null && !value.isEmpty();
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    refresh.after(request, response, consumer);
  }

  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
    return refresh.consumer(consumer, request);
  }

  @Override
  public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
    return refresh.afterFailure(builder, response, tags);
  }

  @Override
  public CompletableFuture<Boolean> afterFailure(HttpRequest.Builder builder, HttpResponse<?> response, RequestTags tags) {
    return refresh.afterFailure(builder, response, tags);
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    refresh.afterConnectionFailure(request, failure);
  }
}
