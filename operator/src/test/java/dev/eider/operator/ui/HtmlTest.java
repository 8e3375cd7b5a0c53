package dev.eider.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void markupCharactersAreEscaped() {
    assertThat(Html.esc("<script>alert('x')</script>")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(Html.esc("\"><img src=x onerror=alert(1)>")).isEqualTo("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    assertThat(Html.esc("a & b")).isEqualTo("a &amp; b");
    assertThat(Html.esc("&amp;")).isEqualTo("&amp;amp;");
  }

  @Test
  void plainTextAndNullPassThrough() {
    assertThat(Html.esc("top-daily-posts")).isEqualTo("top-daily-posts");
    assertThat(Html.esc(null)).isEmpty();
    assertThat(Html.esc(42)).isEqualTo("42");
    assertThat(Html.esc("line\nbreak\ttab")).isEqualTo("line\nbreak\ttab");
  }

  @Test
  void controlCharactersAreReplaced() {
    assertThat(Html.esc("a\u0000b\u001bc")).isEqualTo("a\uFFFDb\uFFFDc");
  }

  @Test
  void pathSegmentsArePercentEncoded() {
    assertThat(Html.segment("at://did:plc:x/app bsky")).isEqualTo("at%3A%2F%2Fdid%3Aplc%3Ax%2Fapp%20bsky");
    assertThat(Html.segment("\"><x")).isEqualTo("%22%3E%3Cx");
    assertThat(Html.segment("latest-feed")).isEqualTo("latest-feed");
  }

  @Test
  void shellWordsAreQuotedUnlessPlain() {
    assertThat(Shell.quote("latest-feed")).isEqualTo("latest-feed");
    assertThat(Shell.quote("2025-01-01..2025-01-31")).isEqualTo("2025-01-01..2025-01-31");
    assertThat(Shell.quote("a b; rm -rf /")).isEqualTo("'a b; rm -rf /'");
    assertThat(Shell.quote("it's $(id)")).isEqualTo("'it'\\''s $(id)'");
  }
}
