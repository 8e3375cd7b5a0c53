package dev.eider.testkit.s3;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.eider.testkit.s3.ObjectReadCache.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Passes an allowed request to S3Mock on its loopback port and S3Mock's answer back unchanged:
 * method, raw path and query, headers and body bytes as received (an {@code aws-chunked} body stays
 * encoded, S3Mock decodes it), then status, headers and body as answered. Only what belongs to one
 * hop of the connection is left out: the JDK client and server frame each hop themselves.
 */
final class BackendForwarder implements RequestForwarder {

  /** Hop-by-hop headers, and the ones the JDK HttpClient sets itself and refuses from callers. */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");
  /** Set by the JDK HttpServer itself for the client's hop (Date, framing). */
  private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
      "transfer-encoding", "upgrade", "content-length", "date");

  private final String backend;
  private final HttpClient client;

  BackendForwarder(int backendPort) {
    this.backend = "http://127.0.0.1:" + backendPort;
    // HTTP/1.1 only: the client would otherwise offer an h2c upgrade on every request.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void forward(IncomingRequest request, HttpExchange exchange) throws IOException {
    HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      respond(exchange, request.method(), response.statusCode(), returned(response),
          response.headers().firstValueAsLong("content-length"), body);
    }
  }

  /** S3Mock's whole answer to {@code request}, read into memory. */
  Answer fetch(IncomingRequest request) throws IOException {
    HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), returned(response), response.body());
  }

  /** Gives the client an answer {@link #fetch fetched} earlier, as {@link #forward} would have. */
  static void answer(HttpExchange exchange, String method, Answer answer) throws IOException {
    respond(exchange, method, answer.status(), answer.headers(), OptionalLong.of(answer.body().length),
        new ByteArrayInputStream(answer.body()));
  }

  private <T> HttpResponse<T> send(IncomingRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
    // Concatenated, not URI.resolve(): resolving would drop dot segments from the path as sent.
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(backend + request.rawTarget()))
        .method(request.method(), body(request))
        .timeout(Duration.ofMinutes(5));
    request.headers().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name)) {
        values.forEach(value -> builder.header(name, value));
      }
    });
    try {
      return client.send(builder.build(), handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding to S3Mock", e);
    }
  }

  /** S3Mock's headers that go back to the client: all but the ones of its own hop. */
  private static Map<String, List<String>> returned(HttpResponse<?> response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!name.startsWith(":") && !NOT_RETURNED.contains(name)) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    return headers;
  }

  /** Declares a body exactly when the client did, so an empty PUT stays an empty PUT and a GET stays bodiless. */
  private static HttpRequest.BodyPublisher body(IncomingRequest request) {
    boolean declared = request.header("content-length") != null || request.header("transfer-encoding") != null;
    return request.body().length == 0 && !declared
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body());
  }

  private static void respond(HttpExchange exchange, String method, int status, Map<String, List<String>> returned,
      OptionalLong length, InputStream body) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    // Copies: a kept answer's lists are shared by every exchange it is given to.
    returned.forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    if (method.equals("HEAD") || status == 304) {
      // No body follows, but the length is that of the object: the JDK server sends a
      // Content-Length it did not compute itself only for these, when the handler sets it.
      length.ifPresent(n -> headers.set("Content-Length", Long.toString(n)));
      exchange.sendResponseHeaders(status, -1);
      body.transferTo(OutputStream.nullOutputStream());
      return;
    }
    if (status == 204 || (length.isPresent() && length.getAsLong() == 0)) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    // A known length is passed on; otherwise (S3Mock streaming chunked) 0 makes the JDK server chunk too.
    exchange.sendResponseHeaders(status, length.orElse(0));
    try (OutputStream out = exchange.getResponseBody()) {
      body.transferTo(out);
    }
  }
}
