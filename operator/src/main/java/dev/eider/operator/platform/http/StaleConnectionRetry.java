package dev.eider.operator.platform.http;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.vertx.core.http.HttpClosedException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.jboss.logging.Logger;

/**
 * An HTTP client that sends a request again, on another connection, when the one it was sent on
 * turned out to be closed ({@link HttpClosedException}), as fabric8 does for an
 * {@code IOException}. Only the exchange up to the response's headers is retried: a body that
 * already reached its consumer is never delivered twice. A request is sent at most
 * {@value #ATTEMPTS} times; a server that is down fails with an {@code IOException}, which the
 * wrapped client retries with its own backoff.
 */
final class StaleConnectionRetry implements HttpClient {

  static final int ATTEMPTS = 3;
  private static final Logger LOG = Logger.getLogger(StaleConnectionRetry.class);

  private final HttpClient client;

  StaleConnectionRetry(HttpClient client) {
    this.client = client;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, Class<T> type) {
    return withRetry(request, () -> client.sendAsync(request, type), 1);
  }

  @Override
  public CompletableFuture<HttpResponse<AsyncBody>> consumeBytes(HttpRequest request, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    return withRetry(request, () -> client.consumeBytes(request, consumer), 1);
  }

  private static <T> CompletableFuture<T> withRetry(HttpRequest request, Supplier<CompletableFuture<T>> send, int attempt) {
    return send.get().handle((result, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(result);
      }
      if (attempt < ATTEMPTS && closedConnection(failure)) {
        LOG.debugf("%s %s: the connection was closed under the request, sending it again (attempt %d of %d)",
            request.method(), request.uri(), attempt + 1, ATTEMPTS);
        return withRetry(request, send, attempt + 1);
      }
      return CompletableFuture.<T>failedFuture(failure);
    }).thenCompose(next -> next);
  }

  static boolean closedConnection(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof HttpClosedException;
  }

  @Override
  public DerivedClientBuilder newBuilder() {
    return new DerivedBuilder(client.newBuilder());
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return client.newWebSocketBuilder();
  }

  @Override
  public HttpRequest.Builder newHttpRequestBuilder() {
    return client.newHttpRequestBuilder();
  }

  @Override
  public boolean isClosed() {
    return client.isClosed();
  }

  @Override
  public void close() {
    client.close();
  }

  /** A client derived from this one (other interceptors, a tag) keeps the retry. */
  private record DerivedBuilder(DerivedClientBuilder builder) implements DerivedClientBuilder {

    @Override
    public HttpClient build() {
      return new StaleConnectionRetry(builder.build());
    }

    @Override
    public DerivedClientBuilder addOrReplaceInterceptor(String name, Interceptor interceptor) {
      return new DerivedBuilder(builder.addOrReplaceInterceptor(name, interceptor));
    }

    @Override
    public DerivedClientBuilder authenticatorNone() {
      return new DerivedBuilder(builder.authenticatorNone());
    }

    @Override
    public DerivedClientBuilder tag(Object tag) {
      return new DerivedBuilder(builder.tag(tag));
    }
  }

  /** Configures the wrapped client's builder; builds it wrapped. */
  static final class Builder implements HttpClient.Builder {

    private HttpClient.Builder builder;

    Builder(HttpClient.Builder builder) {
      this.builder = builder;
    }

    private Builder set(HttpClient.Builder configured) {
      builder = configured;
      return this;
    }

    @Override
    public HttpClient build() {
      return new StaleConnectionRetry(builder.build());
    }

    @Override
    public HttpClient.Builder connectTimeout(long timeout, TimeUnit unit) {
      return set(builder.connectTimeout(timeout, unit));
    }

    @Override
    public HttpClient.Builder addOrReplaceInterceptor(String name, Interceptor interceptor) {
      return set(builder.addOrReplaceInterceptor(name, interceptor));
    }

    @Override
    public HttpClient.Builder authenticatorNone() {
      return set(builder.authenticatorNone());
    }

    @Override
    public HttpClient.Builder tag(Object tag) {
      return set((HttpClient.Builder) builder.tag(tag));
    }

    @Override
    public HttpClient.Builder sslContext(KeyManager[] keyManagers, TrustManager[] trustManagers) {
      return set(builder.sslContext(keyManagers, trustManagers));
    }

    @Override
    public HttpClient.Builder followAllRedirects() {
      return set(builder.followAllRedirects());
    }

    @Override
    public HttpClient.Builder proxyAddress(InetSocketAddress address) {
      return set(builder.proxyAddress(address));
    }

    @Override
    public HttpClient.Builder proxyAuthorization(String credentials) {
      return set(builder.proxyAuthorization(credentials));
    }

    @Override
    public HttpClient.Builder tlsVersions(TlsVersion... tlsVersions) {
      return set(builder.tlsVersions(tlsVersions));
    }

    @Override
    public HttpClient.Builder preferHttp11() {
      return set(builder.preferHttp11());
    }

    @Override
    public HttpClient.Builder proxyType(HttpClient.ProxyType type) {
      return set(builder.proxyType(type));
    }
  }
}
