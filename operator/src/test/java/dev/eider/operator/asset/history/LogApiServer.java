package dev.eider.operator.asset.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny stand-in for the API server's two endpoints the run history uses, over real HTTP so the
 * fabric8 client builds its real requests: {@code pods/log} (answered per pod, by a function of
 * the request's query, or with a Kubernetes Status error) and ConfigMap create/update (echoed back
 * with a resourceVersion, and kept for the test to read).
 */
final class LogApiServer implements AutoCloseable {

  /** One answer to a log request. */
  record Answer(int status, byte[] body, long repeat) {
    static Answer log(String text) {
      return new Answer(200, text.getBytes(StandardCharsets.UTF_8), 1);
    }

    /** {@code chunk} sent {@code times} times: a log far larger than memory need hold. */
    static Answer endless(String chunk, long times) {
      return new Answer(200, chunk.getBytes(StandardCharsets.UTF_8), times);
    }

    static Answer error(int code, String reason, String message) {
      String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":" + quote(message)
          + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
      return new Answer(code, status.getBytes(StandardCharsets.UTF_8), 1);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  final Map<String, Function<Map<String, String>, Answer>> logs = new ConcurrentHashMap<>();
  /** Queries of the log requests, in order, as {@code pod?query}. */
  final List<String> logRequests = new CopyOnWriteArrayList<>();
  /** When set, the answer to every ConfigMap write. */
  volatile Answer refuseWrites;
  /** ConfigMaps written (the request bodies), in order. */
  final List<ObjectNode> written = new CopyOnWriteArrayList<>();

  LogApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
        // Retries as the operator's client has them: RunLogReader turns them off for its reads,
        // which the tests count.
        .withRequestRetryBackoffLimit(2)
        .withRequestRetryBackoffInterval(10)
        .withNamespace("default")
        .build()).build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String[] parts = path.split("/");
    // One connection per request: this JDK server may close a kept-alive one under the client.
    exchange.getResponseHeaders().add("Connection", "close");
    try (exchange) {
      if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/log") && parts.length == 8) {
        String pod = parts[6];
        String query = exchange.getRequestURI().getRawQuery();
        logRequests.add(pod + "?" + query);
        Function<Map<String, String>, Answer> answer = logs.get(pod);
        send(exchange, answer == null ? Answer.error(404, "NotFound", "pods \"" + pod + "\" not found") : answer.apply(params(query)));
      } else if (path.contains("/configmaps") && refuseWrites != null) {
        send(exchange, refuseWrites);
      } else if (path.contains("/configmaps")) {
        ObjectNode body = (ObjectNode) JSON.readTree(exchange.getRequestBody());
        written.add(body.deepCopy());
        ((ObjectNode) body.get("metadata")).put("resourceVersion", Integer.toString(written.size()));
        byte[] out = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 201 : 200, out.length);
        exchange.getResponseBody().write(out);
      } else {
        send(exchange, Answer.error(404, "NotFound", "no route " + path));
      }
    }
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", answer.status() == 200 ? "text/plain" : "application/json");
    exchange.sendResponseHeaders(answer.status(), answer.repeat() == 1 ? answer.body().length : 0);
    OutputStream out = exchange.getResponseBody();
    try {
      for (long i = 0; i < answer.repeat(); i++) {
        out.write(answer.body());
      }
    } catch (IOException e) {
      // The reader stopped reading: what a bounded reader does to an endless log.
    }
  }

  static Map<String, String> params(String query) {
    Map<String, String> params = new ConcurrentHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
            StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
