package dev.eider.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Code versions with golden values: each literal was computed apart from this code, as the first
 * 16 hex characters of {@code printf '%s' '<text>' | sha256sum}, where the text is the normalized
 * SQL followed by one {@code \n<table>=<fingerprint or raw>} per table read, and a set's text is
 * one {@code <model>=<fingerprint>\n} per model. A change of them changes every fingerprint in
 * every cluster, and re-runs every eager transform once: it must be deliberate.
 */
class ModelFingerprintsTest {

  @Test
  void aModelReadingNothingIsTheHashOfItsNormalizedSql() {
    CodeVersion version = ModelFingerprints.of(List.of("x"), Map.of("x", "SELECT 1 AS x"));

    assertThat(version.models()).containsExactly(Map.entry("x", "ad2d9e2526a98881"));
    assertThat(version.fingerprint()).isEqualTo("84a6fcdbe0afdb25");
  }

  @Test
  void rawTablesCountByNameAndModelsByTheirFingerprint() {
    assertThat(ModelFingerprints.of(List.of("r"), Map.of("r", "SELECT count(*) FROM raw_list_items")).models())
        .containsExactly(Map.entry("r", "9d61cbc39f262986"));

    CodeVersion chain = ModelFingerprints.of(List.of("a", "b"), Map.of("a", "SELECT v FROM b", "b", "SELECT 1 AS v"));
    assertThat(chain.models()).containsExactly(Map.entry("a", "0dee0d3ad7ed0fac"), Map.entry("b", "13f2b257f6c1f482"));
    assertThat(chain.fingerprint()).isEqualTo("f85b11011082cc74");
  }

  @Test
  void commentsAndLayoutDoNotCountButAChangeUpstreamChangesEveryFingerprintDownstream() {
    Map<String, String> models = Map.of(
        "base", "SELECT did FROM raw_list_items",
        "counted", "SELECT count(*) AS n FROM base",
        "other", "SELECT 1 AS one");
    CodeVersion before = ModelFingerprints.of(models.keySet(), models);

    CodeVersion reformatted = ModelFingerprints.of(models.keySet(), Map.of(
        "base", "-- the members\nselect did\n  from RAW_LIST_ITEMS;",
        "counted", "SELECT count(*) AS n /* per run */ FROM base",
        "other", "SELECT 1 AS one"));
    assertThat(reformatted).isEqualTo(before);

    CodeVersion changed = ModelFingerprints.of(models.keySet(), Map.of(
        "base", "SELECT did FROM raw_list_items WHERE did <> ''",
        "counted", "SELECT count(*) AS n FROM base",
        "other", "SELECT 1 AS one"));
    assertThat(changed.changedSince(before.models())).containsExactly("base", "counted");
    assertThat(changed.fingerprint()).isNotEqualTo(before.fingerprint());
  }

  @Test
  void theAssetsModelReplacesTheImagesOfTheSameNameForEveryModelDownstream() {
    CodeVersion shipped = ModelFingerprints.of(List.of("top_daily_posts", "calendar"), Map.of());
    assertThat(shipped.models()).containsOnlyKeys("top_daily_posts", "calendar");
    assertThat(shipped.models().values()).allMatch(fingerprint -> fingerprint.matches("[0-9a-f]{16}"));

    CodeVersion replaced = ModelFingerprints.of(List.of("top_daily_posts", "calendar"),
        Map.of("latest_feed", ShippedSql.sql().get("latest_feed") + " WHERE NOT is_reply"));
    // top_daily_posts reads latest_feed; calendar does too (its days span the posts).
    assertThat(replaced.changedSince(shipped.models())).contains("top_daily_posts");
    assertThat(ModelFingerprints.of(List.of("top_daily_posts"), Map.of("latest_feed", "-- same\n" + ShippedSql.sql().get("latest_feed"))))
        .isEqualTo(ModelFingerprints.of(List.of("top_daily_posts"), Map.of()));
  }

  @Test
  void theImagesModelsArePackagedIntoTheOperator() {
    assertThat(ShippedSql.sql()).containsOnlyKeys(ShippedSql.MODELS);
    assertThat(ShippedSql.sql().get("top_daily_posts")).containsIgnoringCase("select");
  }
}
