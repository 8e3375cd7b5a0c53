package dev.eider.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kubelet's containerLogs endpoint, asked over HTTPS as the API server asks it. */
class KubeletServerTest {

  @TempDir
  Path dir;
  KubeletServer server;
  HttpClient http;

  @BeforeEach
  void start() throws Exception {
    ContainerLog log = new ContainerLog(dir.resolve("worker.log"), 1024 * 1024);
    log.capture(new ByteArrayInputStream("loading 2 objects\nbuilt sales (42 rows)\ndone\n".getBytes(StandardCharsets.UTF_8)));
    server = KubeletServer.start((namespace, pod, container) ->
        "shop".equals(namespace) && "sales-1-x7k2p".equals(pod) && "worker".equals(container) ? Optional.of(log) : Optional.empty());
    // Like the API server without --kubelet-certificate-authority: the kubelet's certificate is not verified.
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    http = HttpClient.newBuilder().sslContext(trustAll).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesAContainersLogWithTailLinesAndLimitBytes() throws Exception {
    HttpResponse<String> all = get("/containerLogs/shop/sales-1-x7k2p/worker");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body()).isEqualTo("loading 2 objects\nbuilt sales (42 rows)\ndone\n");

    HttpResponse<String> tail = get("/containerLogs/shop/sales-1-x7k2p/worker?tailLines=2&limitBytes=11");
    assertThat(tail.statusCode()).isEqualTo(200);
    assertThat(tail.body()).isEqualTo("built sales");
  }

  @Test
  void anUnknownContainerOrABadRequestIsRefused() throws Exception {
    assertThat(get("/containerLogs/shop/other-pod/worker").statusCode()).isEqualTo(404);
    assertThat(get("/containerLogs/shop/sales-1-x7k2p").statusCode()).isEqualTo(400);
    assertThat(get("/containerLogs/shop/sales-1-x7k2p/worker?tailLines=many").statusCode()).isEqualTo(400);
  }
}
