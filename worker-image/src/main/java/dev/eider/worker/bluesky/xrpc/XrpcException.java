package dev.eider.worker.bluesky.xrpc;

import java.time.Duration;
import java.util.Optional;

/**
 * An XRPC call that did not give a usable answer. {@link #isTransient()} failures (429, 5xx,
 * network) are retried with backoff; the others are answers that a retry would only repeat.
 */
public class XrpcException extends RuntimeException {

  private final String method;
  private final int status;
  private final String error;
  private final boolean transientFailure;
  private final Duration retryAfter;

  XrpcException(String method, int status, String error, String message, boolean transientFailure,
      Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.method = method;
    this.status = status;
    this.error = error;
    this.transientFailure = transientFailure;
    this.retryAfter = retryAfter;
  }

  public String method() {
    return method;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** The XRPC error name ({@code InvalidRequest}, {@code ExpiredToken}, ...), or empty. */
  public String error() {
    return error;
  }

  public boolean isTransient() {
    return transientFailure;
  }

  /**
   * Whether the server refused the token we sent. The PDS answers a token it cannot verify with
   * 400 InvalidToken, an expired or revoked one with 400 ExpiredToken; an entryway says the same
   * with 401, and a missing or unusable one gets 401 AuthenticationRequired.
   */
  public boolean isTokenRefusal() {
    return status == 401 || "InvalidToken".equals(error) || "ExpiredToken".equals(error);
  }

  /** How long the server asked us to wait ({@code Retry-After} or {@code RateLimit-Reset}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** One line for people: what was called, what came back. */
  public String describe() {
    String what = status == 0 ? "no response" : "HTTP " + status + (error.isEmpty() ? "" : " " + error);
    return method + ": " + what + (getMessage() == null || getMessage().isEmpty() ? "" : ": " + getMessage());
  }
}
