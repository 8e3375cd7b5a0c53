package dev.eider.worker.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.worker.report.DashboardData.DayActivity;
import dev.eider.worker.report.DashboardData.LinkTypeShares;
import dev.eider.worker.report.DashboardData.Measures;
import dev.eider.worker.report.DashboardData.Member;
import dev.eider.worker.report.DashboardData.TopDomain;
import dev.eider.worker.report.DashboardData.TopLink;
import dev.eider.worker.report.DashboardData.TopPost;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Strangers write the post texts, handles, display names and links the dashboard shows: a hostile
 * corpus in every one of them must come out as the same text, never as markup, an event handler or
 * a script URL.
 */
class DashboardHtmlTest {

  static final List<String> HOSTILE = List.of(
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "' onmouseover='alert(1)",
      "</title></style></svg><script>alert(2)</script>",
      "<svg onload=alert(3)>",
      "&lt;already escaped&gt; & <b>bold</b>",
      "javascript:alert(4)",
      "<!-- comment --><![CDATA[x]]>");

  static final List<String> HOSTILE_URLS = List.of(
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "vbscript:msgbox(1)",
      "https://evil.test/\"onmouseover=\"alert(1)",
      "https://evil.test/<script>",
      "//evil.test/no-scheme",
      "https:no-host");

  @Test
  void hostileStringsAreTextEverywhere() {
    String html = DashboardHtml.render("<script>alert('title')</script>", hostileData());
    Document page = Jsoup.parse(html);

    // Nothing executable or loading survived: no script, no handler, no script URL, no foreign element.
    assertThat(page.select("script, img, iframe, object, embed, link, base, form, meta[http-equiv=refresh]")).isEmpty();
    for (Element element : page.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        assertThat(attribute.getKey()).as(element.tagName()).doesNotStartWith("on");
      }
    }
    assertThat(page.select("[href]").eachAttr("href")).isNotEmpty()
        .allMatch(href -> href.startsWith("https://") || href.startsWith("http://"));
    assertThat(page.select("a[href]").eachAttr("href")).noneMatch(href -> href.contains("\"") || href.contains("<"));
    assertThat(page.select("svg")).hasSize(6);

    // And every string is shown as written.
    assertThat(page.title()).isEqualTo("<script>alert('title')</script>");
    assertThat(page.select("#top-posts .text").eachText()).containsExactlyElementsOf(HOSTILE);
    assertThat(page.select("#top-posts .author .name").eachText()).containsExactlyElementsOf(HOSTILE);
    assertThat(page.select("#members .author .name").eachText()).containsExactlyElementsOf(HOSTILE);
    assertThat(page.select("#top-domains td.name").eachText()).containsExactlyElementsOf(HOSTILE);
    assertThat(page.select("#top-links td.type").eachText())
        .containsExactlyElementsOf(hostileData().topLinks().stream().map(TopLink::linkType).toList());
    assertThat(page.select("#top-domains svg rect.bar").eachAttr("data-key")).containsExactlyElementsOf(HOSTILE);
    assertThat(page.select("#top-domains svg title").eachText()).containsExactlyElementsOf(
        HOSTILE.stream().map(s -> s + ": 1").toList());
  }

  @Test
  void onlyHttpLinksBecomeLinksTheRestIsText() {
    Document page = Jsoup.parse(DashboardHtml.render("links", hostileData()));

    List<Element> rows = page.select("#top-links tr.link");
    // The http(s) link with a host is a link, its '&' escaped in the source and intact in the DOM.
    assertThat(rows.get(0).selectFirst("a").attr("href")).isEqualTo("https://example.test/a?b=1&c=2");
    assertThat(rows.get(0).selectFirst("a").attr("rel")).isEqualTo("noopener noreferrer nofollow");
    for (int i = 1; i < rows.size(); i++) {
      Element cell = rows.get(i).selectFirst("td.url");
      assertThat(cell.select("a")).as(HOSTILE_URLS.get(i - 1)).isEmpty();
      assertThat(cell.text()).isEqualTo(HOSTILE_URLS.get(i - 1).strip());
    }
    // Handles become profile links only percent-encoded.
    assertThat(page.select("#members .author a").eachAttr("href"))
        .allMatch(href -> href.matches("https://bsky\\.app/profile/[A-Za-z0-9%._*+-]+"));
  }

  @Test
  void longStringsAreCutAndTheSizeIsBounded() {
    String huge = "x".repeat(100_000);
    List<TopPost> posts = new ArrayList<>();
    for (int i = 1; i <= DashboardQueries.TOP_POSTS; i++) {
      posts.add(new TopPost(i, "at://did:plc:a/app.bsky.feed.post/" + i, huge, huge, huge, null, 1, 1, 1, 1, BigDecimal.ONE));
    }
    DashboardData data = new DashboardData(measures(), LocalDate.of(2026, 11, 24), posts, List.of(), List.of(), List.of(),
        List.of(), List.of(), Instant.parse("2026-11-25T06:00:00Z"));
    String html = DashboardHtml.render("big", data);
    Document page = Jsoup.parse(html);
    assertThat(page.select("#top-posts .text").get(0).text()).hasSize(DashboardHtml.MAX_POST_TEXT).endsWith("x\u2026");
    assertThat(page.select("#top-posts .author .name").get(0).text()).hasSize(DashboardHtml.MAX_NAME);
    // Ten posts of 100,000 characters each make a page of tens of kilobytes, not a megabyte.
    assertThat(html.length()).isBetween(10_000, 100_000);
    assertThat(page.select("#top-links .empty").text()).isEqualTo("No links shared yet.");
  }

  @Test
  void urlRulesAreStrict() {
    assertThat(Html.httpUrl("https://example.test/path?q=1")).contains("https://example.test/path?q=1");
    assertThat(Html.httpUrl("HTTP://EXAMPLE.TEST")).contains("HTTP://EXAMPLE.TEST");
    HOSTILE_URLS.forEach(url -> assertThat(Html.httpUrl(url)).as(url).isEmpty());
    assertThat(Html.httpUrl("https://example.test/" + "a".repeat(Html.MAX_URL_LENGTH))).isEmpty();
    assertThat(Html.postUrl("at://did:plc:abc/app.bsky.feed.post/3kabc")).contains("https://bsky.app/profile/did:plc:abc/post/3kabc");
    assertThat(Html.postUrl("at://did:plc:abc/app.bsky.feed.post/3k\"><script>")).isEmpty();
    assertThat(Html.postUrl("javascript:alert(1)//at://did:plc:abc/app.bsky.feed.post/x")).isEmpty();
    assertThat(Html.profileUrl("a\"b<c>.test")).contains("https://bsky.app/profile/a%22b%3Cc%3E.test");
    assertThat(Html.escape("a\u0000b\u001bc\r\n\td")).isEqualTo("a\uFFFDb\uFFFDc\r\n\td");
  }

  @Test
  void numbersAreGroupedAndKeepTheWarehousesScale() {
    assertThat(DashboardHtml.dec(new BigDecimal("2822.0"))).isEqualTo("2,822.0");
    assertThat(DashboardHtml.dec(new BigDecimal("0.87"))).isEqualTo("0.87");
    assertThat(DashboardHtml.dec(new BigDecimal("1234567"))).isEqualTo("1,234,567");
    assertThat(DashboardHtml.dec(null)).isEqualTo("\u2013");
    assertThat(DashboardHtml.num(9854)).isEqualTo("9,854");
  }

  private static DashboardData hostileData() {
    List<TopPost> posts = new ArrayList<>();
    List<TopDomain> domains = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      String s = HOSTILE.get(i);
      posts.add(new TopPost(i + 1, "at://did:plc:x/app.bsky.feed.post/" + i, s, s, s,
          LocalDateTime.of(2026, 11, 24, 10, 0), i, 0, 0, 0, BigDecimal.valueOf(i)));
      domains.add(new TopDomain(i + 1, s, 1, 1, 1, 1, BigDecimal.ONE));
      members.add(new Member("did:plc:" + i, s, s, 1, 0, 0, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1));
    }
    List<TopLink> links = new ArrayList<>();
    links.add(new TopLink("https://example.test/a?b=1&c=2", HOSTILE.get(0), "example.test", 9, BigDecimal.TEN, 1));
    for (int i = 0; i < HOSTILE_URLS.size(); i++) {
      links.add(new TopLink(HOSTILE_URLS.get(i), HOSTILE.get((i + 1) % HOSTILE.size()), HOSTILE.get(i % HOSTILE.size()), 1,
          BigDecimal.ONE, 1));
    }
    List<LinkTypeShares> types = HOSTILE.stream().map(s -> new LinkTypeShares(s, 1)).toList();
    List<DayActivity> days = List.of(new DayActivity(LocalDate.of(2026, 11, 24), 1, 0, 0));
    return new DashboardData(measures(), LocalDate.of(2026, 11, 24), posts, links, types, domains, days, members,
        Instant.parse("2026-11-25T06:00:00Z"));
  }

  private static Measures measures() {
    return new Measures(1, 1, 0, 0, 1, 0, 0, 0, BigDecimal.ONE, BigDecimal.ONE, 1, LocalDate.of(2026, 11, 24),
        LocalDate.of(2026, 11, 24), 1);
  }
}
