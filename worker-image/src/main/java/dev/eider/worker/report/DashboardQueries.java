package dev.eider.worker.report;

import dev.eider.worker.report.DashboardData.DayActivity;
import dev.eider.worker.report.DashboardData.LinkTypeShares;
import dev.eider.worker.report.DashboardData.Measures;
import dev.eider.worker.report.DashboardData.Member;
import dev.eider.worker.report.DashboardData.TopDomain;
import dev.eider.worker.report.DashboardData.TopLink;
import dev.eider.worker.report.DashboardData.TopPost;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the dashboard from the Bluesky sample's marts on an open (read-only) connection. Every list
 * is capped in SQL, so the page's size does not grow with the data: a year of a thousand members
 * renders like a week of three.
 */
public final class DashboardQueries {

  static final int TOP_POSTS = 10;
  static final int TOP_LINKS = 15;
  static final int TOP_DOMAINS = 15;
  static final int LINK_TYPES = 10;
  /** The newest days shown in the activity chart and calendar: half a year. */
  static final int DAYS = 182;
  static final int MEMBERS = 50;

  /** The tables read, each by its plain name, for the error that names a missing one. */
  static final List<String> MARTS = List.of("all_profiles", "member_stats", "calendar", "top_domains", "top_daily_posts",
      "top_external_links", "activity_over_time");

  private final Connection connection;

  public DashboardQueries(Connection connection) {
    this.connection = connection;
  }

  public DashboardData read(Instant generatedAt) {
    requireMarts();
    List<TopPost> topPosts = topPosts();
    return new DashboardData(measures(), topPosts.isEmpty() ? null : topPostsDay(), topPosts, topLinks(), linkTypes(),
        topDomains(), days(), members(), generatedAt);
  }

  private void requireMarts() {
    List<String> missing = new ArrayList<>(MARTS);
    query("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'",
        rs -> missing.remove(rs.getString(1)));
    if (!missing.isEmpty()) {
      throw WorkerFailure.failed("report dashboard: the warehouse has no " + String.join(", ", missing)
          + ": materialize the Bluesky sample's marts first", null);
    }
  }

  private Measures measures() {
    long members = one("SELECT count(*) FROM all_profiles", rs -> rs.getLong(1));
    long days = one("SELECT count(*) FROM calendar", rs -> rs.getLong(1));
    LocalDate firstDay = one("SELECT min(day) FROM calendar", rs -> date(rs, 1));
    LocalDate lastDay = one("SELECT max(day) FROM calendar", rs -> date(rs, 1));
    long domains = one("SELECT count(*) FROM top_domains", rs -> rs.getLong(1));
    return one("SELECT coalesce(sum(posts), 0), coalesce(sum(replies), 0), coalesce(sum(reposts), 0), "
        + "coalesce(sum(likes_received), 0), coalesce(sum(replies_received), 0), coalesce(sum(reposts_received), 0), "
        + "coalesce(sum(quotes_received), 0), coalesce(sum(engagement), 0), coalesce(sum(written), 0) FROM member_stats", rs -> {
          long likes = rs.getLong(4);
          long written = rs.getLong(9);
          BigDecimal avgLikes = written == 0 ? null
              : BigDecimal.valueOf(likes).divide(BigDecimal.valueOf(written), 2, RoundingMode.HALF_UP);
          return new Measures(members, rs.getLong(1), rs.getLong(2), rs.getLong(3), likes, rs.getLong(5), rs.getLong(6),
              rs.getLong(7), rs.getBigDecimal(8), avgLikes, days, firstDay, lastDay, domains);
        });
  }

  private LocalDate topPostsDay() {
    return one("SELECT max(post_date) FROM top_daily_posts", rs -> date(rs, 1));
  }

  private List<TopPost> topPosts() {
    List<TopPost> posts = new ArrayList<>();
    query("SELECT rank, uri, author_handle, author_display_name, text, "
        + "strftime(created_at, '%Y-%m-%dT%H:%M:%S'), like_count, reply_count, repost_count, "
        + "quote_count, engagement FROM top_daily_posts WHERE post_date = (SELECT max(post_date) FROM top_daily_posts) "
        + "ORDER BY rank LIMIT " + TOP_POSTS, rs -> {
          String created = rs.getString(6);
          posts.add(new TopPost(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              created == null ? null : LocalDateTime.parse(created), rs.getLong(7), rs.getLong(8), rs.getLong(9),
              rs.getLong(10), rs.getBigDecimal(11)));
        });
    return posts;
  }

  private List<TopLink> topLinks() {
    List<TopLink> links = new ArrayList<>();
    query("SELECT url, link_type, any_value(domain), sum(shares), sum(engagement), count(DISTINCT post_date) "
        + "FROM top_external_links GROUP BY url, link_type ORDER BY sum(shares) DESC, sum(engagement) DESC, url "
        + "LIMIT " + TOP_LINKS, rs -> links.add(new TopLink(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6))));
    return links;
  }

  private List<LinkTypeShares> linkTypes() {
    List<LinkTypeShares> types = new ArrayList<>();
    query("SELECT link_type, sum(shares) FROM top_external_links GROUP BY link_type ORDER BY sum(shares) DESC, link_type "
        + "LIMIT " + LINK_TYPES, rs -> types.add(new LinkTypeShares(rs.getString(1), rs.getLong(2))));
    return types;
  }

  private List<TopDomain> topDomains() {
    List<TopDomain> domains = new ArrayList<>();
    query("SELECT rank, domain, posts, shares, links, authors, engagement FROM top_domains ORDER BY rank LIMIT " + TOP_DOMAINS,
        rs -> domains.add(new TopDomain(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6), rs.getBigDecimal(7))));
    return domains;
  }

  private List<DayActivity> days() {
    List<DayActivity> days = new ArrayList<>();
    // Every calendar day, so days without posts show as zero, the newest DAYS of them.
    query("SELECT c.day, coalesce(sum(a.posts), 0), coalesce(sum(a.replies), 0), coalesce(sum(a.reposts), 0) "
        + "FROM calendar c LEFT JOIN activity_over_time a ON a.day = c.day GROUP BY c.day ORDER BY c.day DESC LIMIT " + DAYS,
        rs -> days.add(new DayActivity(date(rs, 1), rs.getLong(2), rs.getLong(3), rs.getLong(4))));
    Collections.reverse(days);
    return days;
  }

  private List<Member> members() {
    List<Member> members = new ArrayList<>();
    query("SELECT did, handle, display_name, posts, replies, reposts, likes_received, engagement, avg_likes, "
        + "avg_engagement, posts_per_day, active_days FROM member_stats "
        + "ORDER BY engagement DESC, written DESC, handle, did LIMIT " + MEMBERS,
        rs -> members.add(new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
            rs.getBigDecimal(11), rs.getLong(12))));
    return members;
  }

  private static LocalDate date(ResultSet rs, int column) throws SQLException {
    // As text: DuckDB prints a DATE as ISO yyyy-mm-dd, and no JVM time zone gets a say.
    String date = rs.getString(column);
    return date == null ? null : LocalDate.parse(date);
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** The value of a query that returns one row (an aggregate). */
  private <T> T one(String sql, RowMapper<T> mapper) {
    List<T> values = new ArrayList<>(1);
    query(sql, rs -> values.add(mapper.map(rs)));
    if (values.size() != 1) {
      throw WorkerFailure.failed("report dashboard: expected one row from: " + sql, null);
    }
    return values.get(0);
  }

  private void query(String sql, RowReader reader) {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        reader.read(rs);
      }
    } catch (SQLException e) {
      throw WorkerFailure.failed("report dashboard: reading the marts failed: " + DuckDb.message(e), e);
    }
  }
}
