package dev.eider.worker.report;

import static dev.eider.worker.report.Html.escape;
import static dev.eider.worker.report.Html.link;

import dev.eider.worker.report.DashboardData.DayActivity;
import dev.eider.worker.report.DashboardData.LinkTypeShares;
import dev.eider.worker.report.DashboardData.Measures;
import dev.eider.worker.report.DashboardData.Member;
import dev.eider.worker.report.DashboardData.TopDomain;
import dev.eider.worker.report.DashboardData.TopLink;
import dev.eider.worker.report.DashboardData.TopPost;
import dev.eider.worker.report.SvgCharts.Bar;
import dev.eider.worker.report.SvgCharts.Column;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard as one self-contained HTML page: inline CSS, inline SVG, no script, no fetched
 * font or image; a Content-Security-Policy forbids any, so should a string escape its escaping
 * it still cannot run or load anything. Sections: {@code measures}, {@code top-posts},
 * {@code top-links}, {@code top-domains}, {@code activity}, {@code members}.
 */
public final class DashboardHtml {

  static final int MAX_POST_TEXT = 1000;
  static final int MAX_URL_SHOWN = 100;
  static final int MAX_NAME = 64;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
  private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
      + "form-action 'none'";
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
      header{background:#1d3557;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
      header p{margin:4px 0 0;opacity:.85;font-size:13px}main{padding:16px 24px;max-width:1100px}
      section{background:#fff;border-radius:8px;padding:12px 16px;margin:0 0 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
      h2{font-size:17px;margin:4px 0 12px}h3{font-size:14px;margin:12px 0 6px;color:#46506a}
      .measures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:0}
      .measure{background:#eef2f8;border-radius:6px;padding:8px 10px}.measure dt{font-size:12px;color:#46506a}
      .measure dd{margin:2px 0 0;font-size:22px;font-weight:600}
      table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 6px;border-bottom:1px solid #e4e7ee;vertical-align:top}
      th{color:#46506a;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      .text{white-space:pre-wrap;overflow-wrap:anywhere;max-width:460px}.url{overflow-wrap:anywhere}
      .handle{color:#46506a;font-size:12px}a{color:#1d5fbf}.empty{color:#7a8296;font-style:italic}
      svg.chart{max-width:100%;height:auto;display:block;margin:6px 0}svg .bar{fill:#3a86ff}svg .axis{stroke:#9aa3b5}
      svg text{font-size:11px;fill:#46506a}svg.calendar .level-0{fill:#e4e7ee}svg.calendar .level-1{fill:#bcd4ff}
      svg.calendar .level-2{fill:#7fb0ff}svg.calendar .level-3{fill:#3a86ff}svg.calendar .level-4{fill:#1d4fb0}
      footer{color:#7a8296;font-size:12px;padding:0 24px 24px}
      """;

  private DashboardHtml() {}

  public static String render(String title, DashboardData data) {
    StringBuilder page = new StringBuilder(64 * 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"referrer\" content=\"no-referrer\">")
        .append("<title>").append(escape(title)).append("</title><style>").append(CSS).append("</style></head><body>");
    Measures m = data.measures();
    page.append("<header><h1>").append(escape(title)).append("</h1><p>");
    if (m.firstDay() != null) {
      page.append("Posts from ").append(m.firstDay()).append(" to ").append(m.lastDay()).append(" (UTC). ");
    }
    page.append("Generated ").append(TIME.format(data.generatedAt().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)))
        .append(".</p></header><main>");
    measures(page, m);
    topPosts(page, data);
    topLinks(page, data.topLinks(), data.linkTypes());
    topDomains(page, data.topDomains());
    activity(page, data.days());
    members(page, data.members(), m.members());
    page.append("</main><footer>Engagement = likes \u00d7 0.2 + quotes \u00d7 0.4 + replies \u00d7 0.4. ")
        .append("Each post counts once, however often it was reposted. Built by Eider from the Bluesky sample's marts.")
        .append("</footer></body></html>\n");
    return page.toString();
  }

  private static void measures(StringBuilder page, Measures m) {
    page.append("<section id=\"measures\"><h2>Measures</h2><dl class=\"measures\">");
    measure(page, "members", "Members", num(m.members()));
    measure(page, "posts", "Posts", num(m.posts()));
    measure(page, "replies", "Replies", num(m.replies()));
    measure(page, "reposts", "Reposts", num(m.reposts()));
    measure(page, "likes", "Likes received", num(m.likesReceived()));
    measure(page, "replies-received", "Replies received", num(m.repliesReceived()));
    measure(page, "reposts-received", "Reposts received", num(m.repostsReceived()));
    measure(page, "quotes-received", "Quotes received", num(m.quotesReceived()));
    measure(page, "engagement", "Engagement", dec(m.engagement()));
    measure(page, "avg-likes", "Likes per post", dec(m.avgLikesPerPost()));
    measure(page, "days", "Days", num(m.days()));
    measure(page, "domains", "Domains linked", num(m.domains()));
    page.append("</dl></section>");
  }

  private static void measure(StringBuilder page, String key, String label, String value) {
    page.append("<div class=\"measure\" data-measure=\"").append(key).append("\"><dt>").append(label).append("</dt><dd>")
        .append(value).append("</dd></div>");
  }

  private static void topPosts(StringBuilder page, DashboardData data) {
    page.append("<section id=\"top-posts\"><h2>Top posts of ")
        .append(data.topPostsDay() == null ? "the day" : data.topPostsDay() + " (UTC)").append("</h2>");
    List<TopPost> posts = data.topPosts();
    if (posts.isEmpty()) {
      page.append("<p class=\"empty\">No posts yet.</p></section>");
      return;
    }
    page.append(SvgCharts.bars("top-posts-chart", "Engagement of the day's top posts", posts.stream()
        .map(p -> new Bar("#" + p.rank() + " @" + Html.truncate(p.authorHandle(), MAX_NAME), SvgCharts.value(p.engagement()),
            dec(p.engagement())))
        .toList()));
    page.append("<table class=\"posts\"><thead><tr><th class=\"num\">#</th><th>Author</th><th>Post</th>")
        .append("<th class=\"num\">Likes</th><th class=\"num\">Replies</th><th class=\"num\">Reposts</th>")
        .append("<th class=\"num\">Quotes</th><th class=\"num\">Engagement</th></tr></thead><tbody>");
    for (TopPost post : posts) {
      page.append("<tr class=\"post\"><td class=\"num rank\">").append(post.rank()).append("</td><td class=\"author\">");
      author(page, post.authorDisplayName(), post.authorHandle());
      page.append("</td><td><div class=\"text\">").append(escape(Html.truncate(post.text(), MAX_POST_TEXT))).append("</div>")
          .append("<div class=\"handle\">").append(link(Html.postUrl(post.uri()), time(post.createdAt()))).append("</div></td>")
          .append(numCell("likes", post.likes())).append(numCell("replies", post.replies()))
          .append(numCell("reposts", post.reposts())).append(numCell("quotes", post.quotes()))
          .append("<td class=\"num engagement\">").append(dec(post.engagement())).append("</td></tr>");
    }
    page.append("</tbody></table></section>");
  }

  private static void topLinks(StringBuilder page, List<TopLink> links, List<LinkTypeShares> types) {
    page.append("<section id=\"top-links\"><h2>Top links</h2>");
    if (links.isEmpty()) {
      page.append("<p class=\"empty\">No links shared yet.</p></section>");
      return;
    }
    page.append("<h3>Shares by link type</h3>").append(SvgCharts.bars("link-types-chart", "Shares by link type",
        types.stream().map(t -> new Bar(t.linkType(), t.shares(), num(t.shares()))).toList()));
    page.append("<h3>Most shared links</h3><table class=\"links\"><thead><tr><th>Link</th><th>Type</th>")
        .append("<th class=\"num\">Shares</th><th class=\"num\">Days</th><th class=\"num\">Engagement</th></tr></thead><tbody>");
    for (TopLink l : links) {
      page.append("<tr class=\"link\"><td class=\"url\">").append(link(Html.httpUrl(l.url()), Html.truncate(l.url(), MAX_URL_SHOWN)))
          .append("</td><td class=\"type\">").append(escape(l.linkType())).append("</td>").append(numCell("shares", l.shares()))
          .append(numCell("days", l.days())).append("<td class=\"num engagement\">").append(dec(l.engagement()))
          .append("</td></tr>");
    }
    page.append("</tbody></table><p class=\"handle\">Shares summed over the days a link was among the ten most shared of its type.</p>")
        .append("</section>");
  }

  private static void topDomains(StringBuilder page, List<TopDomain> domains) {
    page.append("<section id=\"top-domains\"><h2>Top domains</h2>");
    if (domains.isEmpty()) {
      page.append("<p class=\"empty\">No links shared yet.</p></section>");
      return;
    }
    page.append(SvgCharts.bars("domains-chart", "Posts linking to each domain",
        domains.stream().map(d -> new Bar(d.domain(), d.posts(), num(d.posts()))).toList()));
    page.append("<table class=\"domains\"><thead><tr><th class=\"num\">#</th><th>Domain</th><th class=\"num\">Posts</th>")
        .append("<th class=\"num\">Shares</th><th class=\"num\">Links</th><th class=\"num\">Authors</th>")
        .append("<th class=\"num\">Engagement</th></tr></thead><tbody>");
    for (TopDomain d : domains) {
      page.append("<tr class=\"domain\"><td class=\"num rank\">").append(d.rank()).append("</td><td class=\"name\">")
          .append(escape(Html.truncate(d.domain(), MAX_URL_SHOWN))).append("</td>").append(numCell("posts", d.posts()))
          .append(numCell("shares", d.shares())).append(numCell("links", d.links())).append(numCell("authors", d.authors()))
          .append("<td class=\"num engagement\">").append(dec(d.engagement())).append("</td></tr>");
    }
    page.append("</tbody></table></section>");
  }

  private static void activity(StringBuilder page, List<DayActivity> days) {
    page.append("<section id=\"activity\"><h2>Activity over time</h2>");
    if (days.isEmpty()) {
      page.append("<p class=\"empty\">No posts yet.</p></section>");
      return;
    }
    page.append("<h3>Posts and replies per day (UTC)</h3>").append(SvgCharts.columns("activity-chart",
        "Posts and replies written by the members per UTC day",
        days.stream().map(d -> new Column(d.day().toString(), d.day().toString().substring(5), d.written())).toList()));
    page.append("<h3>Calendar</h3>").append(SvgCharts.calendar(days)).append("</section>");
  }

  private static void members(StringBuilder page, List<Member> members, long total) {
    page.append("<section id=\"members\"><h2>Members</h2>");
    if (members.isEmpty()) {
      page.append("<p class=\"empty\">No members yet.</p></section>");
      return;
    }
    if (total > members.size()) {
      page.append("<p class=\"handle\">The ").append(members.size()).append(" most engaging of ").append(num(total))
          .append(" members.</p>");
    }
    page.append(SvgCharts.bars("members-chart", "Engagement each member's posts received", members.stream()
        .limit(15).map(m -> new Bar("@" + Html.truncate(m.handle(), MAX_NAME), SvgCharts.value(m.engagement()),
            dec(m.engagement()))).toList()));
    page.append("<table class=\"members\"><thead><tr><th>Member</th><th class=\"num\">Posts</th><th class=\"num\">Replies</th>")
        .append("<th class=\"num\">Reposts</th><th class=\"num\">Likes received</th><th class=\"num\">Likes per post</th>")
        .append("<th class=\"num\">Engagement</th><th class=\"num\">Engagement per post</th><th class=\"num\">Posts per day</th>")
        .append("<th class=\"num\">Active days</th></tr></thead><tbody>");
    for (Member m : members) {
      page.append("<tr class=\"member\"><td class=\"author\">");
      author(page, m.displayName(), m.handle() == null ? m.did() : m.handle());
      page.append("</td>").append(numCell("posts", m.posts())).append(numCell("replies", m.replies()))
          .append(numCell("reposts", m.reposts())).append(numCell("likes", m.likesReceived()))
          .append(decCell("avg-likes", m.avgLikes())).append(decCell("engagement", m.engagement()))
          .append(decCell("avg-engagement", m.avgEngagement())).append(decCell("posts-per-day", m.postsPerDay()))
          .append(numCell("active-days", m.activeDays())).append("</tr>");
    }
    page.append("</tbody></table></section>");
  }

  private static void author(StringBuilder page, String displayName, String handle) {
    String name = displayName == null || displayName.isBlank() ? handle : displayName;
    page.append("<div class=\"name\">").append(escape(Html.truncate(name, MAX_NAME))).append("</div><div class=\"handle\">")
        .append(link(Html.profileUrl(handle), "@" + Html.truncate(handle, MAX_NAME))).append("</div>");
  }

  private static String numCell(String cssClass, long value) {
    return "<td class=\"num " + cssClass + "\">" + num(value) + "</td>";
  }

  private static String decCell(String cssClass, BigDecimal value) {
    return "<td class=\"num " + cssClass + "\">" + dec(value) + "</td>";
  }

  static String num(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A decimal as the warehouse computed it (no float rounding on the way); none is a dash. */
  static String dec(BigDecimal value) {
    return value == null ? "\u2013" : String.format(Locale.ROOT, "%,." + Math.max(0, value.scale()) + "f", value);
  }

  private static String time(LocalDateTime time) {
    return time == null ? "post" : TIME.format(time);
  }
}
