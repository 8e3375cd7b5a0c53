package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * com.atproto.server.createSession, refreshSession and getSession with the PDS's bodies (didDoc,
 * email, active) and its per-account login limit, whose RateLimit-* headers replace the global
 * ones on createSession as on the real PDS.
 */
final class SessionMethods {

    static final String CREATE_SESSION = "com.atproto.server.createSession";
    static final String REFRESH_SESSION = "com.atproto.server.refreshSession";
    static final String GET_SESSION = "com.atproto.server.getSession";

    private final BlueskySessions sessions;
    private final BlueskyRateLimits limits;
    private final Supplier<String> serviceUrl;

    SessionMethods(BlueskySessions sessions, BlueskyRateLimits limits, Supplier<String> serviceUrl) {
        this.sessions = sessions;
        this.limits = limits;
        this.serviceUrl = serviceUrl;
    }

    XrpcResponse createSession(XrpcRequest request) {
        JsonNode input = input(request);
        String identifier = property(input, "identifier");
        String password = property(input, "password");
        RateLimitDecision limit = limits.createSessionWindow()
                .consume(identifier.toLowerCase(Locale.ROOT) + "|" + request.clientIp());
        if (!limit.allowed()) {
            throw limit.refusal();
        }
        try {
            return XrpcResponse.ok(session(sessions.login(identifier, password), true)).withHeaders(limit.headers());
        } catch (XrpcError e) {
            return e.toResponse().withHeaders(limit.headers());
        }
    }

    XrpcResponse refreshSession(XrpcRequest request) {
        String token = request.bearerToken()
                .orElseThrow(() -> XrpcError.authenticationRequired("Authentication Required"));
        return XrpcResponse.ok(session(sessions.refresh(token), true));
    }

    XrpcResponse getSession(BlueskySessions.Account viewer) {
        ObjectNode body = session(new BlueskySessions.Session(null, null, viewer), false);
        return XrpcResponse.ok(body);
    }

    private ObjectNode session(BlueskySessions.Session session, boolean withTokens) {
        BlueskyActor actor = session.account().actor();
        ObjectNode body = XrpcResponse.MAPPER.createObjectNode();
        if (withTokens) {
            body.put("accessJwt", session.accessJwt());
            body.put("refreshJwt", session.refreshJwt());
        }
        body.put("did", actor.did());
        ObjectNode doc = body.putObject("didDoc");
        doc.putArray("@context").add("https://www.w3.org/ns/did/v1")
                .add("https://w3id.org/security/suites/secp256k1-2019/v1");
        doc.put("id", actor.did());
        doc.putArray("alsoKnownAs").add("at://" + actor.handle());
        doc.putArray("verificationMethod").addObject().put("id", "#atproto")
                .put("type", "EcdsaSecp256k1VerificationKey2019").put("controller", actor.did())
                .put("publicKeyMultibase", "zQ3sh" + AtIds.recordCid(actor.did()).substring(8, 52));
        doc.putArray("service").addObject().put("id", "#atproto_pds").put("type", "AtprotoPersonalDataServer")
                .put("serviceEndpoint", serviceUrl.get());
        body.put("handle", actor.handle());
        body.put("email", session.account().email());
        body.put("emailConfirmed", false);
        body.put("active", true);
        return body;
    }

    private static JsonNode input(XrpcRequest request) {
        try {
            JsonNode input = XrpcResponse.MAPPER.readTree(request.body());
            if (input == null || !input.isObject()) {
                throw XrpcError.invalidRequest("Request body must be a JSON object");
            }
            return input;
        } catch (IOException e) {
            throw XrpcError.invalidRequest("Request body must be a JSON object");
        }
    }

    private static String property(JsonNode input, String name) {
        JsonNode value = input.get(name);
        if (value == null || !value.isTextual()) {
            throw XrpcError.invalidRequest("Error: Input must have the property \"" + name + "\"");
        }
        return value.asText();
    }
}
