package dev.eider.worker.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escaping for everything the dashboard shows that someone outside the project wrote: post text,
 * handles, display names, URLs, domains. Every such string goes through {@link #escape} whether it
 * lands in text or in a (always double-quoted) attribute, and a link is only ever an http(s) URL
 * with a host ({@link #httpUrl}): a {@code javascript:} or {@code data:} URL is shown as text.
 */
public final class Html {

  /** Longer URLs are not links (no browser needs them, and they would bloat the page). */
  static final int MAX_URL_LENGTH = 2048;
  private static final Pattern POST_URI = Pattern.compile(
      "at://(did:[a-z]+:[A-Za-z0-9._:%-]{1,2048})/app\\.bsky\\.feed\\.post/([A-Za-z0-9._~:-]{1,512})");

  private Html() {}

  /** {@code value} safe in HTML text and in a double- or single-quoted attribute; null is empty. */
  public static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab and newline have no business in a page.
          if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** At most {@code max} code points of {@code value}, with an ellipsis when cut; null is empty. */
  public static String truncate(String value, int max) {
    if (value == null) {
      return "";
    }
    if (value.codePointCount(0, value.length()) <= max) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, max - 1)) + "\u2026";
  }

  /**
   * {@code url} when it is an absolute http or https URL with a host that Java's URI parser
   * accepts (no spaces, quotes or control characters), else empty: only such a URL becomes an
   * {@code href}. The value returned is still to be {@link #escape escaped} (an {@code &} in a query).
   */
  public static Optional<String> httpUrl(String url) {
    if (url == null || url.isEmpty() || url.length() > MAX_URL_LENGTH || !url.equals(url.strip())) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** A link to a post on the Bluesky web app, from its AT-URI; empty when the URI is not a post's. */
  public static Optional<String> postUrl(String atUri) {
    if (atUri == null) {
      return Optional.empty();
    }
    Matcher m = POST_URI.matcher(atUri);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of("https://bsky.app/profile/" + m.group(1) + "/post/" + m.group(2));
  }

  /** A link to a profile on the Bluesky web app; the handle (or DID) is percent-encoded. */
  public static Optional<String> profileUrl(String handleOrDid) {
    if (handleOrDid == null || handleOrDid.isBlank() || handleOrDid.length() > 2048) {
      return Optional.empty();
    }
    return Optional.of("https://bsky.app/profile/" + URLEncoder.encode(handleOrDid, StandardCharsets.UTF_8));
  }

  /** {@code <a href=..>text</a>} when {@code url} is a safe link, else the escaped text alone. */
  static String link(Optional<String> url, String text) {
    return url.map(href -> "<a href=\"" + escape(href) + "\" rel=\"noopener noreferrer nofollow\">" + escape(text) + "</a>")
        .orElse(escape(text));
  }
}
