package dev.eider.worker.bluesky.xrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One XRPC service (an AppView or a PDS): queries (GET) and procedures (POST), with every way a
 * call can fail turned into an {@link XrpcException} that says whether a retry can help.
 */
public final class XrpcClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI service;
  private final HttpClient http;
  private final ObjectMapper json;
  private final ServerRateLimit serverLimit;

  public XrpcClient(URI service, ObjectMapper json, Clock clock) {
    this.service = service;
    this.json = json;
    this.serverLimit = new ServerRateLimit(clock);
    // HTTP/1.1 always: for http:// the JDK's default (HTTP/2) sends "Upgrade: h2c", and the real
    // PDS and AppView (Node.js) close the connection on it instead of answering.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  public URI service() {
    return service;
  }

  public JsonNode query(String method, Map<String, String> params, Optional<String> bearer) {
    String query = params.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    URI uri = URI.create(service + "/xrpc/" + method + (query.isEmpty() ? "" : "?" + query));
    return send(method, request(uri, bearer).GET().build());
  }

  public JsonNode procedure(String method, JsonNode body, Optional<String> bearer) {
    URI uri = URI.create(service + "/xrpc/" + method);
    HttpRequest.Builder request = request(uri, bearer);
    if (body == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    return send(method, request.build());
  }

  private static HttpRequest.Builder request(URI uri, Optional<String> bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    return request;
  }

  private JsonNode send(String method, HttpRequest request) {
    Optional<Duration> wait = serverLimit.waitBeforeNextCall();
    if (wait.isPresent()) {
      throw new XrpcException(method, 0, "RateLimitExceeded", "server quota spent until its reset", true, wait.get(), null);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new XrpcException(method, 0, "", "cannot reach " + service + ": " + describe(e), true, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new XrpcException(method, 0, "", "interrupted", false, null, e);
    }
    serverLimit.observe(response.headers());
    int status = response.statusCode();
    if (status == 200) {
      return parse(method, response.body());
    }
    ErrorBody error = errorBody(response.body());
    boolean transientFailure = status == 429 || status >= 500;
    // Every response carries RateLimit-Reset (the end of the quota window); only a 429 means "wait
    // until then". A 5xx asks for a wait only through Retry-After.
    Duration retryAfter = status == 429 ? serverLimit.retryAfter(response.headers()).orElse(null)
        : status >= 500 ? serverLimit.explicitRetryAfter(response.headers()).orElse(null) : null;
    throw new XrpcException(method, status, error.error(), error.message(), transientFailure, retryAfter, null);
  }

  private JsonNode parse(String method, byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new XrpcException(method, 200, "MalformedResponse", "the response is not a JSON object", false, null, null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new XrpcException(method, 200, "MalformedResponse",
          "the response is not valid JSON (" + e.getOriginalMessage() + ")", false, null, e);
    } catch (IOException e) {
      throw new XrpcException(method, 200, "MalformedResponse", "the response cannot be read: " + e.getMessage(), false, null, e);
    }
  }

  private ErrorBody errorBody(byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.isObject()) {
        return new ErrorBody(node.path("error").asText(""), node.path("message").asText(""));
      }
    } catch (IOException ignored) {
      // Proxies and load balancers answer errors in HTML; the status says enough then.
    }
    return new ErrorBody("", "");
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }

  private record ErrorBody(String error, String message) {}
}
