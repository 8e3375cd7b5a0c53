package dev.eider.operator.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.http.HttpClosedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request that meets a connection the server closes under it (what a pooled keep-alive
 * connection does when the API server drops it) is sent again on a new one: against a socket
 * server that closes the first {@code n} connections after reading their request.
 */
class StaleConnectionRetryTest {

  static final String CONFIG_MAP = """
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"state","namespace":"ns"},"data":{"seq":"7"}}""";

  private ClosingServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theOperatorsClientSendsARequestAgainWhenItsConnectionWasClosed() throws Exception {
    server = new ClosingServer(1);
    try (KubernetesClient client = client(new StaleConnectionRetryFactory(new VertxHttpClientFactory()))) {
      ConfigMap map = client.configMaps().inNamespace("ns").withName("state").get();

      assertThat(map.getData()).containsEntry("seq", "7");
    }
    assertThat(server.requests.get()).isEqualTo(2);
  }

  /** The positive control: fabric8's Vert.x client alone fails on the same server (#7450). */
  @Test
  void thePlainVertxClientFailsOnTheSameServer() throws Exception {
    server = new ClosingServer(1);
    try (KubernetesClient client = client(new VertxHttpClientFactory())) {
      assertThatThrownBy(() -> client.configMaps().inNamespace("ns").withName("state").get())
          .isInstanceOf(KubernetesClientException.class)
          .rootCause().isInstanceOf(HttpClosedException.class).hasMessageContaining("Connection was closed");
    }
    assertThat(server.requests.get()).isEqualTo(1);
  }

  /** A server that closes every connection is tried {@value StaleConnectionRetry#ATTEMPTS} times, then the failure is the caller's. */
  @Test
  void aServerThatAlwaysClosesIsTriedThreeTimes() throws Exception {
    server = new ClosingServer(Integer.MAX_VALUE);
    try (KubernetesClient client = client(new StaleConnectionRetryFactory(new VertxHttpClientFactory()))) {
      assertThatThrownBy(() -> client.configMaps().inNamespace("ns").withName("state").get())
          .isInstanceOf(KubernetesClientException.class)
          .rootCause().isInstanceOf(HttpClosedException.class);
    }
    assertThat(server.requests.get()).isEqualTo(3);
  }

  /**
   * The class path names this factory, so fabric8 and Quarkus's client producer choose it, and it
   * wraps the one they would choose without it: Quarkus's (priority 1, above the plain Vert.x one).
   */
  @Test
  void fabric8ChoosesThisFactoryFromTheClassPathAndItWrapsQuarkussFactory() {
    HttpClient.Factory chosen = HttpClientUtils.getHttpClientFactory();

    assertThat(chosen).isInstanceOf(StaleConnectionRetryFactory.class);
    assertThat(((StaleConnectionRetryFactory) chosen).wrapped().getClass().getName())
        .isEqualTo("io.quarkus.kubernetes.client.runtime.internal.QuarkusHttpClientFactory");
    assertThat(chosen.priority()).isEqualTo(2);
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build()).build()) {
      assertThat(client.getHttpClient()).isInstanceOf(StaleConnectionRetry.class);
    }
  }

  private KubernetesClient client(HttpClient.Factory factory) {
    return new KubernetesClientBuilder()
        // No retries of fabric8's own: each request the server sees is one of ours.
        .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + server.port()).withRequestRetryBackoffLimit(0).build())
        .withHttpClientFactory(factory).build();
  }

  /** Reads each request; closes the first {@code closing} connections without answering, answers the others. */
  static final class ClosingServer implements AutoCloseable {
    final AtomicInteger requests = new AtomicInteger();
    private final ServerSocket socket;
    private final Thread thread;

    ClosingServer(int closing) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket connection = socket.accept()) {
            readRequest(connection.getInputStream());
            if (requests.incrementAndGet() > closing) {
              byte[] body = CONFIG_MAP.getBytes(StandardCharsets.UTF_8);
              OutputStream out = connection.getOutputStream();
              out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                  + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
              out.write(body);
              out.flush();
            }
          } catch (IOException e) {
            // closed by close(), or the client went away: the next accept says which
          }
        }
      }, "closing-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private static void readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the client closed before the request ended");
        }
        head.write(b);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
