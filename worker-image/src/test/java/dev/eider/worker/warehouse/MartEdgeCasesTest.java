package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.WarehouseTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The marts' cases the {@link SampleFixture} does not have, on tables written by hand: a post
 * linking two pages of one domain, links without a host, a member who wrote nothing.
 */
class MartEdgeCasesTest {

  @Test
  void topDomainsCountsSharesPerLinkAndPostsOncePerPost() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE latest_feed AS SELECT * FROM (VALUES "
          + "('at://a/1', 'did:a', TIMESTAMP '2026-11-24 10:00:00', 10, 0, 0, "
          + "  ['https://github.com/a/b', 'https://GitHub.com/c/d', 'mailto:x@y.test', 'not a url']),"
          + "('at://b/2', 'did:b', TIMESTAMP '2026-11-25 10:00:00', 0, 1, 0, ['https://github.com/a/b']),"
          + "('at://b/3', 'did:b', TIMESTAMP '2026-11-26 10:00:00', 0, 0, 0, ['http://user@www.example.com:8080/x']),"
          + "('at://b/4', 'did:b', NULL, 0, 0, 0, []::VARCHAR[])"
          + ") AS t(uri, author_did, created_at, like_count, quote_count, reply_count, links)");
      sql.execute("CREATE TABLE top_domains AS (" + model("top_domains") + ")");

      assertThat(rows(connection, "SELECT rank, domain, posts, shares, links, authors, engagement::VARCHAR, "
          + "first_day::VARCHAR, last_day::VARCHAR FROM top_domains ORDER BY rank"))
          .containsExactly(
              // Host case does not split a domain (the two spellings are two links); the post's engagement (2.0) counts once, not per page.
              "1 | github.com | 2 | 3 | 2 | 2 | 2.4 | 2026-11-24 | 2026-11-25",
              "2 | example.com | 1 | 1 | 1 | 1 | 0.0 | 2026-11-26 | 2026-11-26");
    }
  }

  @Test
  void memberStatsKeepsAMemberWhoWroteNothingWithoutAverages() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE all_profiles AS SELECT * FROM (VALUES ('did:a', 'a.test', 'A'), ('did:q', 'quiet.test', NULL))"
          + " AS t(did, handle, display_name)");
      // did:a reposted on the 25th without writing: an activity day, not an active (writing) day.
      sql.execute("CREATE TABLE activity_over_time AS SELECT * FROM (VALUES "
          + "('did:a', DATE '2026-11-24', 1, 2, 0, 7, 1, 0, 2, 2.6::DECIMAL(18, 1)),"
          + "('did:a', DATE '2026-11-25', 0, 0, 3, 0, 0, 0, 0, 0.0::DECIMAL(18, 1))"
          + ") AS t(did, day, posts, replies, reposts, likes_received, replies_received, reposts_received, quotes_received, engagement)");
      sql.execute("CREATE TABLE member_stats AS (" + model("member_stats") + ")");

      assertThat(rows(connection, "SELECT handle, posts, replies, written, reposts, likes_received, engagement::VARCHAR, "
          + "avg_likes::VARCHAR, avg_quotes::VARCHAR, avg_engagement::VARCHAR, active_days, posts_per_day::VARCHAR, "
          + "first_post_day::VARCHAR, last_post_day::VARCHAR FROM member_stats ORDER BY did"))
          .containsExactly(
              "a.test | 1 | 2 | 3 | 3 | 7 | 2.6 | 2.33 | 0.67 | 0.87 | 1 | 3.00 | 2026-11-24 | 2026-11-24",
              "quiet.test | 0 | 0 | 0 | 0 | 0 | 0.0 | null | null | null | 0 | null | null | null");
    }
  }

  private static String model(String name) throws IOException {
    try (InputStream in = MartEdgeCasesTest.class.getClassLoader().getResourceAsStream("sql/models/" + name + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
