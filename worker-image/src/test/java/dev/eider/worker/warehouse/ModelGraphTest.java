package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.worker.run.WorkerFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelGraphTest {

  @Test
  void referencesAreTablesDuckDbWouldReadNotWordsThatLookLikeThem() {
    try (SqlReferences parser = new SqlReferences()) {
      assertThat(parser.tablesReadBy("m", """
          -- latest_feed in a comment is no reference
          WITH calendar AS (SELECT 'all_profiles' AS latest_feed)
          SELECT c.latest_feed, p.day FROM calendar c
          JOIN main.raw_feed_items r ON true
          LEFT JOIN (SELECT * FROM top_daily_posts) p ON true
          WHERE EXISTS (SELECT 1 FROM Activity_Over_Time)
          """)).containsExactlyInAnyOrder("raw_feed_items", "top_daily_posts", "activity_over_time");
    }
  }

  @Test
  void onlyOneSelectIsAModel() {
    try (SqlReferences parser = new SqlReferences()) {
      assertThatThrownBy(() -> parser.tablesReadBy("two", "SELECT 1; SELECT 2"))
          .isInstanceOf(WorkerFailure.class).hasMessageStartingWith("model two: sql refused, it holds 2 statements");
      assertThatThrownBy(() -> parser.tablesReadBy("ddl", "CREATE TABLE x AS SELECT 1"))
          .isInstanceOf(WorkerFailure.class).hasMessageStartingWith("model ddl: sql refused, it is not a SELECT");
    }
  }

  @Test
  void selectionRunsInDependencyOrderWithoutAddingUpstreamModels() {
    ModelGraph graph = new ModelGraph(Map.of(
        "marts", Set.of("staged", "profiles"),
        "staged", Set.of("raw_items"),
        "profiles", Set.of("raw_members"),
        "alone", Set.of()), Set.of("raw_items", "raw_members"));

    // Each model after what it reads; otherwise in name order, so every run is the same.
    assertThat(graph.order()).containsExactly("alone", "profiles", "staged", "marts");
    assertThat(graph.select(List.of("marts", "staged"))).containsExactly("staged", "marts");
    assertThat(graph.select(List.of("all"))).containsExactly("alone", "profiles", "staged", "marts");
    assertThat(graph.upstreamModelsOf(List.of("marts", "staged"))).containsExactly("profiles");
    assertThat(graph.rawTablesReadBy(List.of("marts", "staged"))).containsExactly("raw_items");
  }

  @Test
  void aModelReadingItselfIsACycle() {
    assertThatThrownBy(() -> new ModelGraph(Map.of("totals", Set.of("totals")), Set.of()))
        .isInstanceOf(WorkerFailure.class).hasMessageStartingWith("models form a cycle: totals -> totals");
  }

  @Test
  void theSampleProjectsGraph() {
    ModelGraph graph = ModelGraph.of(SqlProject.load(Map.of()));
    assertThat(graph.reads("latest_feed")).containsExactly("raw_feed_items");
    assertThat(graph.reads("all_profiles")).containsExactly("raw_list_items");
    assertThat(graph.reads("top_daily_posts")).containsExactly("all_profiles", "latest_feed");
    assertThat(graph.reads("top_external_links")).containsExactly("latest_feed");
    assertThat(graph.reads("activity_over_time")).containsExactly("all_profiles", "latest_feed", "raw_feed_items");
    assertThat(graph.reads("calendar")).containsExactly("latest_feed");
  }
}
