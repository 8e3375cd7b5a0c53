package dev.eider.operator.asset.sql;

import java.util.Set;

/**
 * The tables the worker image of this release builds or loads (its {@code sql/}): what a model the
 * Asset supplies may read besides its own set. A unit test keeps it equal to the repository's
 * {@code sql/}. A custom worker image with more models is still judged by the worker, which knows
 * its own; here such a reference is refused early.
 */
public final class ShippedSql {

  public static final Set<String> MODELS = Set.of("activity_over_time", "all_profiles", "calendar", "latest_feed",
      "member_stats", "top_daily_posts", "top_domains", "top_external_links");
  public static final Set<String> RAW_TABLES = Set.of("raw_feed_items", "raw_list_items");

  private ShippedSql() {}
}
