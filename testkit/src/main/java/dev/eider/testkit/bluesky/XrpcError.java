package dev.eider.testkit.bluesky;

import java.util.Map;

/**
 * An XRPC error response ({"error","message"} with an HTTP status), thrown by method handlers and
 * turned into a response by the handler. No stack trace: these are expected outcomes, not bugs.
 */
final class XrpcError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final Map<String, String> headers;

    XrpcError(int status, String error, String message) {
        this(status, error, message, Map.of());
    }

    XrpcError(int status, String error, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    static XrpcError invalidRequest(String message) {
        return new XrpcError(400, "InvalidRequest", message);
    }

    /** What the AppView answers for anything it cannot handle, e.g. a malformed cursor. */
    static XrpcError internal() {
        return new XrpcError(500, "InternalServerError", "Internal Server Error");
    }

    static XrpcError authenticationRequired(String message) {
        return new XrpcError(401, "AuthenticationRequired", message);
    }

    XrpcResponse toResponse() {
        return XrpcResponse.error(status, error, getMessage()).withHeaders(headers);
    }
}
