package dev.eider.operator.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tables the worker image of this release builds or loads (its {@code sql/}): what a model the
 * Asset supplies may read besides its own set. A unit test keeps it equal to the repository's
 * {@code sql/}. A custom worker image with more models is still judged by the worker, which knows
 * its own; here such a reference is refused early. The models' SQL is packaged into the operator
 * too (from the same {@code sql/models}), for their code versions.
 */
public final class ShippedSql {

  public static final Set<String> MODELS = Set.of("activity_over_time", "all_profiles", "calendar", "latest_feed",
      "member_stats", "top_daily_posts", "top_domains", "top_external_links");
  public static final Set<String> RAW_TABLES = Set.of("raw_feed_items", "raw_list_items");
  private static final Map<String, String> SQL = load();

  private ShippedSql() {}

  /** Each shipped model's SQL, by name. */
  public static Map<String, String> sql() {
    return SQL;
  }

  private static Map<String, String> load() {
    Map<String, String> sql = new TreeMap<>();
    for (String model : MODELS) {
      String resource = "sql/models/" + model + ".sql";
      try (InputStream in = ShippedSql.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("the operator jar lacks " + resource + " (packaged from the repository's sql/models)");
        }
        sql.put(model, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return Map.copyOf(sql);
  }
}
