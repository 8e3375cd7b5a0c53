package dev.eider.operator.platform.http;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.ServiceLoader;
import org.jboss.logging.Logger;

/**
 * The operator's Kubernetes HTTP client: the client it would have without this class (Quarkus's
 * Vert.x client, on Quarkus's own Vert.x), with a request that met a pooled connection the API
 * server had just closed sent again on another.
 *
 * <p>fabric8 retries a request that failed with an {@code IOException}, but Vert.x reports a
 * connection closed under a request as {@code HttpClosedException}, a {@code RuntimeException}, so
 * that request fails at once (fabric8io/kubernetes-client#7450, open). On a busy API server this
 * failed a reconcile now and then ("Connection was closed"), counted as a reconcile error.
 * Clients made from a {@link Config} also get {@link TokenlessRefreshLimit}.
 *
 * <p>fabric8, and Quarkus's client producer through it, use the {@link HttpClient.Factory} of
 * highest priority listed in {@code META-INF/services}: this one ranks just above the factory it
 * wraps, which is the one of highest priority among the others.
 */
public final class StaleConnectionRetryFactory implements HttpClient.Factory, Closeable {

  private static final Logger LOG = Logger.getLogger(StaleConnectionRetryFactory.class);

  private final HttpClient.Factory wrapped;

  public StaleConnectionRetryFactory() {
    this(highestOther());
  }

  StaleConnectionRetryFactory(HttpClient.Factory wrapped) {
    this.wrapped = wrapped;
    LOG.debugf("Kubernetes HTTP client: %s, stale connections retried", wrapped.getClass().getName());
  }

  /** The factory fabric8 would choose without this one; skipped by type, so this one is never made here. */
  private static HttpClient.Factory highestOther() {
    return ServiceLoader.load(HttpClient.Factory.class, StaleConnectionRetryFactory.class.getClassLoader()).stream()
        .filter(provider -> provider.type() != StaleConnectionRetryFactory.class)
        .map(ServiceLoader.Provider::get)
        .max(Comparator.comparingInt(HttpClient.Factory::priority))
        .orElseThrow(() -> new IllegalStateException("no fabric8 HTTP client on the class path to retry stale connections for"));
  }

  HttpClient.Factory wrapped() {
    return wrapped;
  }

  @Override
  public HttpClient.Builder newBuilder() {
    return new StaleConnectionRetry.Builder(wrapped.newBuilder());
  }

  /**
   * Also limits fabric8's token refresh, which fabric8 adds here, for a client without a token
   * ({@link TokenlessRefreshLimit}): the same interceptor, under the same name, wrapped.
   */
  @Override
  public HttpClient.Builder newBuilder(Config config) {
    HttpClient.Builder builder = new StaleConnectionRetry.Builder(wrapped.newBuilder(config));
    builder.addOrReplaceInterceptor(TokenRefreshInterceptor.NAME, new TokenlessRefreshLimit(
        new TokenRefreshInterceptor(config, wrapped, Instant.now()), config, Clock.systemUTC()));
    return builder;
  }

  @Override
  public int priority() {
    return wrapped.priority() + 1;
  }

  @Override
  public void close() throws IOException {
    if (wrapped instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
