package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A finished response: status, JSON body bytes and extra headers (rate limits, Retry-After). */
record XrpcResponse(int status, byte[] body, Map<String, String> headers) {

    /** Writes emoji as raw UTF-8 like the real (Node) servers, not as escaped surrogate pairs. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    static XrpcResponse json(int status, JsonNode body) {
        try {
            return new XrpcResponse(status, MAPPER.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serialises", e);
        }
    }

    static XrpcResponse ok(JsonNode body) {
        return json(200, body);
    }

    static XrpcResponse error(int status, String error, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("error", error).put("message", message);
        return json(status, body);
    }

    /** Adds headers, replacing same-named ones. */
    XrpcResponse withHeaders(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new XrpcResponse(status, body, merged);
    }

    /** Adds headers the response does not set itself (e.g. the global rate limit). */
    XrpcResponse withDefaultHeaders(Map<String, String> defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(headers);
        return new XrpcResponse(status, body, merged);
    }

    XrpcResponse withBody(int newStatus, byte[] newBody) {
        return new XrpcResponse(newStatus, newBody, headers);
    }
}
