package dev.eider.e2e.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Reads the sample's dashboard marts from the DuckDB file the pipeline built, and prints them. */
public final class Marts {

  /** What the dashboard shows, one query per panel. */
  static final Map<String, String> PANELS = new LinkedHashMap<>();

  static {
    PANELS.put("Top posts (newest day)", """
        select post_date, author_handle, engagement, substr(replace(text, chr(10), ' '), 1, 60) as text
        from top_daily_posts where post_date = (select max(post_date) from top_daily_posts)
        order by engagement desc limit 10""");
    PANELS.put("Top links (all days)", """
        select link_type, url, sum(shares) as shares from top_external_links
        group by link_type, url order by shares desc limit 10""");
    PANELS.put("Activity (last 7 days)", """
        select day, sum(posts) as posts, sum(replies) as replies, sum(reposts) as reposts
        from activity_over_time group by day order by day desc limit 7""");
    PANELS.put("Profiles", "select count(*) as members, count(distinct handle) as handles from all_profiles");
  }

  private Marts() {}

  /** Rows per mart table, for checking that each was filled. */
  public static Map<String, Long> rowCounts(Path warehouse) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection db = open(warehouse); Statement sql = db.createStatement()) {
      for (String table : new String[] {"latest_feed", "all_profiles", "top_daily_posts", "top_external_links", "activity_over_time", "calendar"}) {
        try (ResultSet rows = sql.executeQuery("select count(*) from " + table)) {
          rows.next();
          counts.put(table, rows.getLong(1));
        }
      }
    }
    return counts;
  }

  public static void print(Path warehouse, PrintStream out) throws SQLException {
    try (Connection db = open(warehouse)) {
      for (Map.Entry<String, String> panel : PANELS.entrySet()) {
        out.println();
        out.println("== " + panel.getKey());
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(panel.getValue())) {
          printTable(rows, out);
        } catch (SQLException e) {
          out.println("(cannot query: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
      }
    }
  }

  private static Connection open(Path warehouse) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + warehouse, readOnly);
  }

  private static void printTable(ResultSet rows, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      header.append(i > 1 ? " | " : "").append(meta.getColumnLabel(i));
    }
    out.println(header);
    while (rows.next()) {
      StringBuilder line = new StringBuilder();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        line.append(i > 1 ? " | " : "").append(rows.getString(i));
      }
      out.println(line);
    }
  }
}
