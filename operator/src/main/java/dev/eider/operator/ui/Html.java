package dev.eider.operator.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Escaping for everything a page shows: every string that comes from the cluster (names, labels,
 * annotations, messages, log tails, partition keys) is attacker-written and goes through here.
 * The pages quote every attribute with double quotes, so one escaper serves text and attributes.
 */
public final class Html {

  private Html() {
  }

  /** Text or a double-quoted attribute value; null is the empty string. */
  public static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        // Control characters (other than tab and line breaks) have no business on a page.
        default -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' ? "\uFFFD" : null;
      };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** One path segment of a link (names are DNS labels, but a partition key can be anything). */
  public static String segment(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
