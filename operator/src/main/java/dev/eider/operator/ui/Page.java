package dev.eider.operator.ui;

import static dev.eider.operator.ui.Html.esc;

/**
 * The frame every page shares: a title, a trail of links back up and the style sheet. No script:
 * the Content-Security-Policy {@link UiRoutes} sends forbids it.
 */
final class Page {

  private final StringBuilder html = new StringBuilder(8192);

  Page(String title, String... trail) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(title)).append(" · Eider</title>")
        .append("<link rel=\"stylesheet\" href=\"/ui/static/eider.css\"></head><body>")
        .append("<header><nav class=\"trail\"><a href=\"/ui\">Eider</a>");
    // trail: pairs of (href, label); the last label is the page itself
    for (int i = 0; i + 1 < trail.length; i += 2) {
      html.append(" / <a href=\"").append(esc(trail[i])).append("\">").append(esc(trail[i + 1])).append("</a>");
    }
    html.append(" / <span>").append(esc(title)).append("</span></nav></header><main>");
  }

  /** Raw markup built by the caller from escaped parts. */
  Page raw(String markup) {
    html.append(markup);
    return this;
  }

  /** Text, escaped. */
  Page text(Object value) {
    html.append(esc(value));
    return this;
  }

  Page h1(String text) {
    return raw("<h1>").text(text).raw("</h1>");
  }

  Page h2(String id, String text) {
    return raw("<h2 id=\"").text(id).raw("\">").text(text).raw("</h2>");
  }

  Page p(String cssClass, String text) {
    return raw("<p class=\"").text(cssClass).raw("\">").text(text).raw("</p>");
  }

  /** A table row of escaped cells. */
  Page row(Object... cells) {
    html.append("<tr>");
    for (Object cell : cells) {
      html.append("<td>").append(esc(cell)).append("</td>");
    }
    html.append("</tr>");
    return this;
  }

  Page tableHead(String cssClass, String... headings) {
    html.append("<table class=\"").append(esc(cssClass)).append("\"><thead><tr>");
    for (String heading : headings) {
      html.append("<th>").append(esc(heading)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    return this;
  }

  Page tableEnd() {
    return raw("</tbody></table>");
  }

  String end() {
    return html.append("</main></body></html>\n").toString();
  }

  /** A plain page with one message, for 404 and other refusals. */
  static String message(String title, String message) {
    return new Page(title).h1(title).p("message", message).end();
  }
}
