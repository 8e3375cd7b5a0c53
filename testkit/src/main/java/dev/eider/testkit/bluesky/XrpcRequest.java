package dev.eider.testkit.bluesky;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One incoming XRPC call: the method's NSID, its query params, the auth header and the body. */
record XrpcRequest(long sequence, Instant arrivedAt, long arrivedNanos, String httpMethod, String nsid,
                   Map<String, List<String>> params, String authorization, byte[] body, String clientIp) {

    Optional<String> param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    Optional<String> bearerToken() {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
