package dev.eider.testkit.bluesky;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates query params against a method's lexicon the way the reference server does, with its
 * exact error messages, so clients' error handling is tested against the real wording.
 */
final class XrpcParams {

    private static final Pattern DID = Pattern.compile("^did:[a-z]+:[a-zA-Z0-9._:%-]+$");
    private static final Pattern HANDLE = Pattern.compile(
            "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");

    private final XrpcRequest request;

    XrpcParams(XrpcRequest request) {
        this.request = request;
    }

    String required(String name) {
        return optional(name).orElseThrow(() ->
                XrpcError.invalidRequest("Error: Params must have the property \"" + name + "\""));
    }

    Optional<String> optional(String name) {
        return request.param(name).filter(value -> !value.isEmpty());
    }

    /** A DID or a handle (lexicon format at-identifier). */
    String actor(String name) {
        String value = required(name);
        if (!DID.matcher(value).matches() && !HANDLE.matcher(value).matches()) {
            throw XrpcError.invalidRequest("Error: Params/" + name + " must be a valid did or a handle");
        }
        return value;
    }

    String atUri(String name) {
        String value = required(name);
        if (!value.startsWith("at://")) {
            throw XrpcError.invalidRequest("Error: Params/" + name + " must be a valid at-uri");
        }
        return value;
    }

    int integer(String name, int min, int max, int fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw invalid("Expected integer value type (got string)");
        }
        if (value > max) {
            throw invalid("integer too big (maximum " + max + ", got " + value + ")");
        }
        if (value < min) {
            throw invalid("integer too small (minimum " + min + ", got " + value + ")");
        }
        return (int) value;
    }

    boolean bool(String name, boolean fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("Expected boolean value type (got string)");
        };
    }

    private XrpcError invalid(String detail) {
        return XrpcError.invalidRequest("Invalid " + request.nsid() + " params: " + detail);
    }
}
