package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.SampleFixture.P1;
import static dev.eider.worker.warehouse.SampleFixture.P2;
import static dev.eider.worker.warehouse.WarehouseTestSupport.environment;
import static dev.eider.worker.warehouse.WarehouseTestSupport.rows;
import static dev.eider.worker.warehouse.WarehouseTestSupport.run;
import static dev.eider.worker.warehouse.WarehouseTestSupport.store;
import static dev.eider.worker.warehouse.WarehouseTestSupport.termination;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.storage.ObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transform --models all} on the {@link SampleFixture}: every mart compared with rows written
 * out by hand from the fixture (engagement = likes*0.2 + quotes*0.4 + replies*0.4, days in UTC).
 */
class WarehouseTransformTest {

  @TempDir static Path shared;
  static Path warehouse;
  static JsonNode result;

  @BeforeAll
  static void transformTheFixture() {
    Map<String, String> env = environment(shared);
    try (ObjectStore store = store(env)) {
      SampleFixture.write(store, env.get("EIDER_PREFIX"));
    }
    assertThat(run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
    warehouse = Path.of(env.get("EIDER_WAREHOUSE"));
    result = termination(env);
  }

  @Test
  void resultNamesWhatWasLoadedAndBuilt() {
    assertThat(result.path("command").asText()).isEqualTo("transform");
    assertThat(result.path("raw").toString()).isEqualTo("["
        + "{\"table\":\"raw_feed_items\",\"asset\":\"actor-feed-snapshot\",\"loaded\":5,\"reloaded\":0,\"skipped\":0,\"rows\":25},"
        + "{\"table\":\"raw_list_items\",\"asset\":\"starter-pack-snapshot\",\"loaded\":2,\"reloaded\":0,\"skipped\":0,\"rows\":6}]");
    List<String> models = new ArrayList<>();
    result.path("models").forEach(model -> models.add(model.path("name").asText() + "=" + model.path("rows").asLong()));
    assertThat(models).containsExactly("all_profiles=3", "latest_feed=21", "activity_over_time=7", "calendar=5",
        "member_stats=3", "top_daily_posts=19", "top_domains=7", "top_external_links=8");
  }

  @Test
  void allProfilesIsTheNewestSnapshotOfTheList() {
    // carol left in the newest snapshot, dan joined, bob's handle changed.
    assertThat(rows(warehouse, "SELECT did, handle, display_name, starter_pack, snapshot_day::VARCHAR FROM all_profiles ORDER BY did"))
        .containsExactly(
            "did:plc:alice | alice.test | Alice | " + SampleFixture.PACK + " | 2026-11-24",
            "did:plc:bob | bob.example | Bob | " + SampleFixture.PACK + " | 2026-11-24",
            "did:plc:dan | dan.test | Dan | " + SampleFixture.PACK + " | 2026-11-24");
  }

  @Test
  void latestFeedHasEveryPostOnceInItsNewestVersion() {
    assertThat(rows(warehouse, "SELECT uri, author_did, author_handle, created_at::VARCHAR, indexed_at::VARCHAR, like_count, "
        + "repost_count, reply_count, quote_count, is_reply, is_quote, quoted_uri, '[' || array_to_string(links, ', ') || ']' "
        + "FROM latest_feed WHERE uri NOT LIKE '%/f%' ORDER BY uri"))
        .containsExactly(
            "at://did:plc:alice/app.bsky.feed.post/p0 | did:plc:alice | alice.test | 2026-11-23 08:00:00 | 2026-11-23 08:00:00 | 3 | 0 | 0 | 0 | false | false | null | [https://example.org/blog/hello]",
            "at://did:plc:alice/app.bsky.feed.post/p1 | did:plc:alice | alice.test | 2026-11-23 23:30:00 | 2026-11-23 23:30:01.5 | 11 | 1 | 2 | 1 | false | false | null | [https://atproto.com/guides/overview]",
            "at://did:plc:alice/app.bsky.feed.post/p3 | did:plc:alice | alice.test | 2026-11-24 02:00:00 | 2026-11-24 02:00:00 | 1 | 0 | 0 | 0 | true | false | null | [https://github.com/duckdb/duckdb]",
            "at://did:plc:alice/app.bsky.feed.post/p4 | did:plc:alice | alice.test | 2026-11-24 03:00:00 | 2026-11-24 03:00:00 | 6 | 0 | 1 | 0 | false | true | " + P2 + " | [https://www.youtube.com/watch?v=abc123]",
            "at://did:plc:alice/app.bsky.feed.post/p9 | did:plc:alice | alice.test | 2026-11-25 05:00:00 | 2026-11-25 05:00:00 | 0 | 0 | 0 | 0 | false | false | null | []",
            "at://did:plc:bob/app.bsky.feed.post/p2 | did:plc:bob | bob.example | 2026-11-24 01:00:00 | 2026-11-24 01:00:00 | 7 | 1 | 1 | 1 | false | false | null | []",
            "at://did:plc:bob/app.bsky.feed.post/p6 | did:plc:bob | bob.example | 2026-11-24 10:00:00 | 2026-11-24 10:00:00 | 2 | 0 | 0 | 0 | false | false | null | [https://bob.substack.com/p/hello, https://github.com/apache/arrow, https://www.nytimes.com/2026/11/24/technology/data.html]",
            "at://did:plc:dan/app.bsky.feed.post/p7 | did:plc:dan | dan.test | 2026-11-22 15:00:00 | 2026-11-22 15:00:00 | 0 | 0 | 0 | 0 | false | false | null | []",
            "at://did:plc:dan/app.bsky.feed.post/p8 | did:plc:dan | dan.test | 2026-11-24 11:00:00 | 2026-11-24 11:00:00 | 1 | 0 | 0 | 0 | false | false | null | [https://docs.python.org/3/library/json.html]",
            "at://did:plc:erin/app.bsky.feed.post/p5 | did:plc:erin | erin.test | 2026-11-24 04:00:00 | 2026-11-24 04:00:00 | 100 | 20 | 10 | 5 | false | false | null | [https://github.com/duckdb/duckdb]");
    List<String> fillers = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      fillers.add("at://did:plc:dan/app.bsky.feed.post/f" + i + " | " + i);
    }
    assertThat(rows(warehouse, "SELECT uri, like_count FROM latest_feed WHERE uri LIKE '%/f%' ORDER BY like_count"))
        .containsExactlyElementsOf(fillers);
  }

  @Test
  void aRepostDoesNotDoubleCount() {
    // P2 was seen three times (alice's repost, twice, and bob's own feed), P1 twice (alice's, bob's repost).
    assertThat(rows(warehouse, "SELECT item->>'$.post.uri' AS uri, count(*) FROM raw_feed_items "
        + "WHERE uri IN ('" + P1 + "', '" + P2 + "') GROUP BY uri ORDER BY uri"))
        .containsExactly(P1 + " | 2", P2 + " | 3");
    assertThat(rows(warehouse, "SELECT uri, author_handle FROM latest_feed WHERE uri IN ('" + P1 + "', '" + P2 + "') ORDER BY uri"))
        .containsExactly(P1 + " | alice.test", P2 + " | bob.example");
    // Alice reposted erin's P5 (100 likes): it is erin's post, not alice's activity.
    assertThat(rows(warehouse, "SELECT sum(likes_received) FROM activity_over_time WHERE did = 'did:plc:alice'"))
        .containsExactly("21");
  }

  @Test
  void topDailyPostsRanksTheMembersPostsOfEachUtcDay() {
    List<String> expected = new ArrayList<>();
    for (int rank = 1; rank <= 10; rank++) {
      int likes = 12 - rank;
      expected.add("2026-11-21 | " + rank + " | at://did:plc:dan/app.bsky.feed.post/f" + likes + " | dan.test | Dan | "
          + likes + " | " + String.format("%.1f", likes * 0.2));
    }
    expected.addAll(List.of(
        "2026-11-22 | 1 | at://did:plc:dan/app.bsky.feed.post/p7 | dan.test | Dan | 0 | 0.0",
        "2026-11-23 | 1 | at://did:plc:alice/app.bsky.feed.post/p1 | alice.test | Alice | 11 | 3.4",
        "2026-11-23 | 2 | at://did:plc:alice/app.bsky.feed.post/p0 | alice.test | Alice | 3 | 0.6",
        "2026-11-24 | 1 | at://did:plc:bob/app.bsky.feed.post/p2 | bob.example | Bob | 7 | 2.2",
        "2026-11-24 | 2 | at://did:plc:alice/app.bsky.feed.post/p4 | alice.test | Alice | 6 | 1.6",
        "2026-11-24 | 3 | at://did:plc:bob/app.bsky.feed.post/p6 | bob.example | Bob | 2 | 0.4",
        "2026-11-24 | 4 | at://did:plc:dan/app.bsky.feed.post/p8 | dan.test | Dan | 1 | 0.2",
        "2026-11-24 | 5 | at://did:plc:alice/app.bsky.feed.post/p3 | alice.test | Alice | 1 | 0.2",
        "2026-11-25 | 1 | at://did:plc:alice/app.bsky.feed.post/p9 | alice.test | Alice | 0 | 0.0"));
    assertThat(rows(warehouse, "SELECT post_date::VARCHAR, rank, uri, author_handle, author_display_name, like_count, "
        + "engagement::VARCHAR FROM top_daily_posts ORDER BY post_date, rank"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void topExternalLinksComeFromFacetsAndEmbeds() {
    assertThat(rows(warehouse, "SELECT post_date::VARCHAR, link_type, rank, url, domain, shares, authors, engagement::VARCHAR "
        + "FROM top_external_links ORDER BY post_date, link_type, rank"))
        .containsExactly(
            "2026-11-23 | Blog | 1 | https://example.org/blog/hello | example.org | 1 | 1 | 0.6",
            // In the text (a link facet) and in the link card: one share, not two.
            "2026-11-23 | Docs | 1 | https://atproto.com/guides/overview | atproto.com | 1 | 1 | 3.4",
            "2026-11-24 | Docs | 1 | https://docs.python.org/3/library/json.html | docs.python.org | 1 | 1 | 0.2",
            "2026-11-24 | GitHub | 1 | https://github.com/duckdb/duckdb | github.com | 2 | 2 | 26.2",
            "2026-11-24 | GitHub | 2 | https://github.com/apache/arrow | github.com | 1 | 1 | 0.4",
            "2026-11-24 | News | 1 | https://www.nytimes.com/2026/11/24/technology/data.html | nytimes.com | 1 | 1 | 0.4",
            "2026-11-24 | SubStack | 1 | https://bob.substack.com/p/hello | bob.substack.com | 1 | 1 | 0.4",
            // The external media of a recordWithMedia embed (a quote with a link card).
            "2026-11-24 | YouTube | 1 | https://www.youtube.com/watch?v=abc123 | youtube.com | 1 | 1 | 1.6");
  }

  @Test
  void activityOverTimeCountsEachMembersDays() {
    assertThat(rows(warehouse, "SELECT handle, day::VARCHAR, posts, replies, reposts, likes_received, replies_received, "
        + "reposts_received, quotes_received, engagement::VARCHAR FROM activity_over_time ORDER BY handle, day"))
        .containsExactly(
            "alice.test | 2026-11-23 | 2 | 0 | 0 | 14 | 2 | 1 | 1 | 4.0",
            // Her repost of P2 is in two snapshots: one repost. Reposts count on the day they were made.
            "alice.test | 2026-11-24 | 1 | 1 | 2 | 7 | 1 | 0 | 0 | 1.8",
            "alice.test | 2026-11-25 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0.0",
            "bob.example | 2026-11-24 | 2 | 0 | 1 | 9 | 1 | 1 | 1 | 2.6",
            "dan.test | 2026-11-21 | 11 | 0 | 0 | 66 | 0 | 0 | 0 | 13.2",
            "dan.test | 2026-11-22 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0.0",
            "dan.test | 2026-11-24 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0.2");
  }

  @Test
  void topDomainsRankTheLinkedDomainsOverTheWholePeriod() {
    assertThat(rows(warehouse, "SELECT rank, domain, posts, shares, links, authors, engagement::VARCHAR, first_day::VARCHAR, "
        + "last_day::VARCHAR FROM top_domains ORDER BY rank"))
        .containsExactly(
            // alice's reply and erin's P5 (reposted by alice) link duckdb, bob's P6 arrow: 3 posts, 2 pages.
            "1 | github.com | 3 | 3 | 2 | 3 | 26.6 | 2026-11-24 | 2026-11-24",
            // P1 links it in the text and in its card: one share.
            "2 | atproto.com | 1 | 1 | 1 | 1 | 3.4 | 2026-11-23 | 2026-11-23",
            // www. is not part of the domain.
            "3 | youtube.com | 1 | 1 | 1 | 1 | 1.6 | 2026-11-24 | 2026-11-24",
            "4 | example.org | 1 | 1 | 1 | 1 | 0.6 | 2026-11-23 | 2026-11-23",
            "5 | bob.substack.com | 1 | 1 | 1 | 1 | 0.4 | 2026-11-24 | 2026-11-24",
            "6 | nytimes.com | 1 | 1 | 1 | 1 | 0.4 | 2026-11-24 | 2026-11-24",
            "7 | docs.python.org | 1 | 1 | 1 | 1 | 0.2 | 2026-11-24 | 2026-11-24");
  }

  @Test
  void memberStatsSumEachMembersDaysAndAverageOverTheirPosts() {
    assertThat(rows(warehouse, "SELECT handle, display_name, posts, replies, written, reposts, likes_received, replies_received, "
        + "reposts_received, quotes_received, engagement::VARCHAR, avg_likes::VARCHAR, avg_replies::VARCHAR, "
        + "avg_reposts::VARCHAR, avg_quotes::VARCHAR, avg_engagement::VARCHAR, active_days, posts_per_day::VARCHAR, "
        + "first_post_day::VARCHAR, last_post_day::VARCHAR FROM member_stats ORDER BY did"))
        .containsExactly(
            // P0, P1, P4, P9 and the reply P3; reposts of P2 (seen twice) and of erin's P5, whose 100 likes are erin's.
            "alice.test | Alice | 4 | 1 | 5 | 2 | 21 | 3 | 1 | 1 | 5.8 | 4.20 | 0.60 | 0.20 | 0.20 | 1.16 | 3 | 1.67 | 2026-11-23 | 2026-11-25",
            "bob.example | Bob | 2 | 0 | 2 | 1 | 9 | 1 | 1 | 1 | 2.6 | 4.50 | 0.50 | 0.50 | 0.50 | 1.30 | 1 | 2.00 | 2026-11-24 | 2026-11-24",
            // Eleven fillers on the 21st, P7 on the 22nd, P8 on the 24th: 13 posts over 3 active days, not 4 calendar days.
            "dan.test | Dan | 13 | 0 | 13 | 0 | 67 | 0 | 0 | 0 | 13.4 | 5.15 | 0.00 | 0.00 | 0.00 | 1.03 | 3 | 4.33 | 2026-11-21 | 2026-11-24");
  }

  @Test
  void calendarHasEveryUtcDayFromTheFirstPostToTheNewest() {
    assertThat(rows(warehouse, "SELECT day::VARCHAR, iso_day_of_week, day_name, is_weekend FROM calendar ORDER BY day"))
        .containsExactly(
            "2026-11-21 | 6 | Saturday | true",
            "2026-11-22 | 7 | Sunday | true",
            "2026-11-23 | 1 | Monday | false",
            "2026-11-24 | 2 | Tuesday | false",
            "2026-11-25 | 3 | Wednesday | false");
  }

  @Test
  void rawRowsKeepTheJsonAndWhereItCameFrom() {
    assertThat(rows(warehouse, "SELECT _partition, _run_id, _day::VARCHAR, count(*), typeof(any_value(item)) "
        + "FROM raw_feed_items GROUP BY ALL ORDER BY _run_id"))
        .containsExactly(
            "did:plc:alice | 20261123T120000Z-a0a0a0a0 | 2026-11-23 | 1 | JSON",
            "did:plc:alice | 20261124T060000Z-a1a1a1a1 | 2026-11-24 | 6 | JSON",
            "did:plc:bob | 20261124T120000Z-b1b1b1b1 | 2026-11-24 | 3 | JSON",
            "did:plc:dan | 20261124T130000Z-d1d1d1d1 | 2026-11-24 | 13 | JSON",
            "did:plc:alice | 20261125T060000Z-a2a2a2a2 | 2026-11-25 | 2 | JSON");
    assertThat(rows(warehouse, "SELECT raw_table, count(*), count(DISTINCT etag) FROM _eider_raw_objects GROUP BY ALL ORDER BY 1"))
        .containsExactly("raw_feed_items | 5 | 5", "raw_list_items | 2 | 2");
  }
}
