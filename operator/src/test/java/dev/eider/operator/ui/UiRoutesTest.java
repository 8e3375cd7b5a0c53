package dev.eider.operator.ui;

import static dev.eider.operator.ui.UiFixtures.asset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes on a real Vert.x server, as Quarkus serves them: headers, methods and failures. */
class UiRoutesTest {

  private Vertx vertx;
  private HttpServer server;
  private final MapClusterView cluster = new MapClusterView() {
    @Override
    public List<Asset> assets(String namespace) {
      if (namespace.equals("explode")) {
        throw new IllegalStateException("secret internals at dev.eider.operator.Something");
      }
      return super.assets(namespace);
    }
  };
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    cluster.add(asset("bluesky", "latest-feed"));
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    UiRoutes.register(router, new UiPages(cluster, Clock.systemUTC()));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pagesComeWithAPolicyThatAllowsNoScript() throws Exception {
    HttpResponse<String> response = send("GET", "/ui/ns/bluesky");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(UiRoutes.CSP);
    assertThat(UiRoutes.CSP).startsWith("default-src 'none';").doesNotContain("script-src", "unsafe");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.body()).contains("latest-feed");
    HttpResponse<String> css = send("GET", "/ui/static/eider.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
  }

  @Test
  void unknownPagesAre404WithTheSamePolicy() throws Exception {
    HttpResponse<String> response = send("GET", "/ui/ns/bluesky/assets/nope");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(UiRoutes.CSP);
    assertThat(response.body()).contains("No Asset nope in namespace bluesky.");
  }

  @Test
  void theUiIsReadOnly() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      HttpResponse<String> response = send(method, "/ui/ns/bluesky");
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
    }
  }

  @Test
  void aFailureIsAPlainPageWithoutTheException() throws Exception {
    HttpResponse<String> response = send("GET", "/ui/ns/explode");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("The page could not be shown", "error id")
        .doesNotContain("IllegalStateException", "secret internals", "dev.eider.operator.Something", "at dev.");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(UiRoutes.CSP);
  }
}
