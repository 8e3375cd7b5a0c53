package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plain java.net.http client for the fake, as a real ingestion client would talk to Bluesky. */
final class XrpcTestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, headers, the raw body and (when it parses) the JSON body. */
    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String error() {
            return json.path("error").asText(null);
        }

        String message() {
            return json.path("message").asText(null);
        }
    }

    // HTTP/1.1, as a client of the real (Node.js) Bluesky must: the fake refuses an h2c upgrade as Node does.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    XrpcTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String nsid, Map<String, ?> params) {
        return get(nsid, params, null);
    }

    Reply get(String nsid, Map<String, ?> params, String accessJwt) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/xrpc/" + nsid + query)).GET();
        if (accessJwt != null) {
            request.header("Authorization", "Bearer " + accessJwt);
        }
        return send(request.build());
    }

    Reply post(String nsid, String jsonBody, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/xrpc/" + nsid))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody == null ? "" : jsonBody));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    Reply login(String identifier, String password) {
        return post("com.atproto.server.createSession",
                "{\"identifier\":\"" + identifier + "\",\"password\":\"" + password + "\"}", null);
    }

    /** Walks an author feed page by page with {@code limit}, as a backfilling client does. */
    List<JsonNode> walkAuthorFeed(String actor, int limit, String startCursor, List<JsonNode> pages) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = startCursor;
        do {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("actor", actor);
            params.put("limit", limit);
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Reply page = get("app.bsky.feed.getAuthorFeed", params);
            if (page.status() != 200) {
                throw new AssertionError("page failed: " + page.status() + " " + page.raw().body());
            }
            pages.add(page.json());
            page.json().path("feed").forEach(items::add);
            cursor = page.json().path("cursor").asText(null);
        } while (cursor != null);
        return items;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
