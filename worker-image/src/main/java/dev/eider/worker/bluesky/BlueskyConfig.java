package dev.eider.worker.bluesky;

import dev.eider.worker.bluesky.session.Credentials;
import dev.eider.worker.run.WorkerFailure;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the worker reaches Bluesky, from the environment. Without credentials it reads the public
 * AppView ({@code BLUESKY_APPVIEW_URL}); with {@code BLUESKY_IDENTIFIER} and
 * {@code BLUESKY_APP_PASSWORD} it logs in to {@code BLUESKY_PDS_URL} and reads through it, keeping
 * the session for the next run in the file {@code BLUESKY_SESSION_CACHE} if set (local runs), else
 * in the run's bucket (see {@link dev.eider.worker.bluesky.session.SessionStores}).
 */
public record BlueskyConfig(URI appView, Optional<Credentials> credentials, Optional<Path> sessionCache,
    RateLimit clientRateLimit, int maxRetries, Duration initialBackoff, Duration maxBackoff) {

  public static final String DEFAULT_APPVIEW = "https://public.api.bsky.app";
  public static final String DEFAULT_PDS = "https://bsky.social";
  private static final Pattern RATE = Pattern.compile("(\\d+)/(\\d+)s");

  /** Requests allowed per window, kept below the server's 3000 per 5 minutes. */
  public record RateLimit(int requests, Duration window) {}

  public static BlueskyConfig fromEnvironment(Map<String, String> env) {
    String identifier = blankToNull(env.get("BLUESKY_IDENTIFIER"));
    String password = blankToNull(env.get("BLUESKY_APP_PASSWORD"));
    if ((identifier == null) != (password == null)) {
      throw WorkerFailure.badInput("set both BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD to log in, or neither to read the public AppView");
    }
    Optional<Credentials> credentials = identifier == null ? Optional.empty()
        : Optional.of(new Credentials(url(env, "BLUESKY_PDS_URL", DEFAULT_PDS), identifier, password));
    // No default under $HOME: the worker image has none it may write, and a pod's files die with it.
    Optional<Path> cache = Optional.ofNullable(blankToNull(env.get("BLUESKY_SESSION_CACHE"))).map(Path::of);
    return new BlueskyConfig(url(env, "BLUESKY_APPVIEW_URL", DEFAULT_APPVIEW), credentials, cache,
        rateLimit(env.getOrDefault("BLUESKY_RATE_LIMIT", "2500/300s")),
        integer(env, "BLUESKY_MAX_RETRIES", 8),
        Duration.ofMillis(integer(env, "BLUESKY_BACKOFF_INITIAL_MS", 1000)),
        Duration.ofMillis(integer(env, "BLUESKY_BACKOFF_MAX_MS", 60_000)));
  }

  /** Where reads go: the PDS when logged in (it proxies app.bsky.* to the AppView), else the AppView. */
  public URI readService() {
    return credentials.map(Credentials::pds).orElse(appView);
  }

  private static URI url(Map<String, String> env, String name, String fallback) {
    String value = env.getOrDefault(name, fallback).strip();
    URI uri;
    try {
      uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    } catch (IllegalArgumentException e) {
      throw WorkerFailure.badInput(name + " '" + value + "' is not a URL");
    }
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
      throw WorkerFailure.badInput(name + " '" + value + "' is not an http(s) URL");
    }
    return uri;
  }

  private static RateLimit rateLimit(String value) {
    Matcher m = RATE.matcher(value.strip());
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
      throw WorkerFailure.badInput("BLUESKY_RATE_LIMIT '" + value + "' is not '<requests>/<seconds>s', e.g. 2500/300s");
    }
    return new RateLimit(Integer.parseInt(m.group(1)), Duration.ofSeconds(Long.parseLong(m.group(2))));
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw WorkerFailure.badInput(name + " '" + value + "' is not a non-negative integer");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
