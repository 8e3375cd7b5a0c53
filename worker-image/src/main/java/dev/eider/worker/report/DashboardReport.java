package dev.eider.worker.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.run.TerminationMessage;
import dev.eider.worker.warehouse.Warehouse;
import dev.eider.worker.warehouse.WarehouseLocation;
import dev.eider.worker.warehouse.WarehouseSession;
import dev.eider.worker.warehouse.Warehouses;
import java.time.Clock;
import java.util.Map;

/**
 * The Bluesky dashboard of one warehouse: its marts read in a read-only session (the warehouse is
 * left as it was; for an object warehouse nothing is uploaded back), rendered as one HTML page.
 */
public final class DashboardReport {

  /** Measures on the page: see {@link DashboardHtml}. */
  static final int MEASURES = 12;

  private final Map<String, String> env;
  private final Clock clock;

  public DashboardReport(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  /** Reads the marts of {@code EIDER_WAREHOUSE}. */
  public DashboardData read() {
    WarehouseLocation location = WarehouseLocation.fromEnvironment(env);
    try (Warehouse warehouse = Warehouses.open(location, env); WarehouseSession session = warehouse.open(true)) {
      return new DashboardQueries(session.connection()).read(clock.instant());
    }
  }

  /** The termination message's result: where the page went and how many rows each section shows. */
  public static ObjectNode summary(DashboardData data, String object, long bytes) {
    ObjectNode result = TerminationMessage.newResult("report").put("report", "dashboard").put("object", object)
        .put("contentType", "text/html; charset=utf-8").put("bytes", bytes);
    if (data.topPostsDay() != null) {
      result.put("topPostsDay", data.topPostsDay().toString());
    }
    ObjectNode sections = result.putObject("sections");
    sections.put("measures", MEASURES).put("topPosts", data.topPosts().size()).put("topLinks", data.topLinks().size())
        .put("linkTypes", data.linkTypes().size()).put("topDomains", data.topDomains().size())
        .put("days", data.days().size()).put("members", data.members().size());
    return result;
  }
}
