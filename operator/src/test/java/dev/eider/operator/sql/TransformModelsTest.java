package dev.eider.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.TransformSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An Asset's inline and ConfigMap SQL, resolved to the models its runs build, or refused with field, model and line. */
class TransformModelsTest {

  static final String RAW = "(raw_feed_items, raw_list_items)";

  @Test
  void inlineSqlIsOneModelNamedAfterTheAsset() {
    TransformModels.Resolution resolved = TransformModels.resolve("daily-posts",
        spec("{sql: \"SELECT created_at::DATE AS day, count(*) FROM latest_feed GROUP BY 1\"}"), TransformModels.ConfigMaps.NONE);

    assertThat(resolved.problems()).isEmpty();
    assertThat(resolved.set().models()).containsExactly("daily_posts");
    assertThat(resolved.set().inlineModel()).isEqualTo("daily_posts");
    assertThat(resolved.set().configMap()).isNull();
    assertThat(resolved.set().codeVersion().models()).containsOnlyKeys("daily_posts");
    assertThat(resolved.set().codeVersion().fingerprint()).matches("[0-9a-f]{16}");
  }

  @Test
  void badInlineSqlNamesTheModelAndLine() {
    assertThat(problems("h-transform-sql", "{sql: \"SELECT 1; DROP TABLE raw\"}")).containsExactly(
        "spec.transform.sql: model h_transform_sql, line 1: a ';' ends the statement here: a model is one SELECT, not a list of statements");
    assertThat(problems("passwd", "{sql: \"SELECT *\\nFROM read_text('/etc/passwd')\"}")).containsExactly(
        "spec.transform.sql: model passwd, line 2: it calls read_text(), which reads files, settings or the catalog");
    assertThat(problems("file", "{sql: \"SELECT * FROM\\n\\n'https://example.org/x.parquet'\"}")).containsExactly(
        "spec.transform.sql: model file, line 3: it reads 'https://example.org/x.parquet', which names a file, not a table");
    assertThat(problems("unknown", "{sql: \"SELECT *\\nFROM latest_feed f\\nJOIN secrets s ON s.uri = f.uri\"}")).containsExactly(
        "spec.transform.sql: model unknown, line 3: reads table secrets, which is no model of the set, no model of the worker image "
            + "and no raw table " + RAW);
    assertThat(problems("escape", "{sql: \"SELECT 1\\n) AS x; COPY t TO 'f'; SELECT (1\"}")).containsExactly(
        "spec.transform.sql: model escape, line 2: this ')' closes a parenthesis the model did not open");
    assertThat(problems("attach", "{sql: \"ATTACH 's3://bucket/x.duckdb' AS y\"}")).containsExactly(
        "spec.transform.sql: model attach, line 1: starts with ATTACH: a model is one read-only query starting with SELECT, WITH, "
            + "VALUES or FROM (COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CALL, writes and DDL are refused)");
    assertThat(problems("raw-feed-items", "{sql: \"SELECT 1\"}")).containsExactly(
        "spec.transform.sql: the table raw_feed_items named after the asset is a raw table");
    assertThat(problems("a.b", "{sql: \"SELECT 1\"}")).containsExactly("spec.transform.sql: the asset's name gives no model name "
        + "(the table is the name with dashes as underscores: lower-case letters, digits and underscores, starting with a letter, "
        + "at most 63); use configMapRef");
    assertThat(problems("big", "{sql: \"SELECT 1" + " ".repeat(65536) + "\"}")).containsExactly(
        "spec.transform.sql: has 65544 characters, more than the 65536 allowed; put larger models in a ConfigMap (configMapRef)");
  }

  @Test
  void everySqlKeyOfAConfigMapIsAModelOfTheSet() {
    ConfigMap models = configMap("team-models", Map.of(
        "a_counts.sql", "SELECT author_did, count(*) AS posts FROM b_posts GROUP BY 1",
        "b_posts.sql", "SELECT * FROM latest_feed",
        "README.md", "not a model"));

    TransformModels.Resolution resolved = TransformModels.resolve("team", spec("{configMapRef: {name: team-models}}"), lookup(models));

    assertThat(resolved.problems()).isEmpty();
    assertThat(resolved.set().models()).containsExactly("a_counts", "b_posts");
    assertThat(resolved.set().configMap().getName()).isEqualTo("team-models");
    assertThat(resolved.set().configMap().getKey()).isNull();
    CodeVersion before = resolved.set().codeVersion();
    models.getData().put("b_posts.sql", "-- only a comment and layout\nSELECT *\n  FROM latest_feed");
    assertThat(TransformModels.resolve("team", spec("{configMapRef: {name: team-models}}"), lookup(models)).set().codeVersion())
        .isEqualTo(before);
    models.getData().put("b_posts.sql", "SELECT * FROM latest_feed WHERE NOT is_reply");
    CodeVersion after = TransformModels.resolve("team", spec("{configMapRef: {name: team-models}}"), lookup(models)).set().codeVersion();
    assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
    // a_counts reads b_posts: its fingerprint changes with it.
    assertThat(after.changedSince(before.models())).containsExactly("a_counts", "b_posts");

    TransformModels.Resolution one = TransformModels.resolve("team", spec("{configMapRef: {name: team-models, key: b_posts.sql}}"),
        lookup(models));
    assertThat(one.set().models()).containsExactly("b_posts");
    assertThat(one.set().configMap().getKey()).isEqualTo("b_posts.sql");
  }

  @Test
  void aBadModelOfAConfigMapIsNamedWithItsKeyAndLine() {
    ConfigMap models = configMap("team-models", Map.of(
        "good.sql", "SELECT 1 AS x",
        "leak.sql", "-- reads another model\nSELECT *\nFROM good, generate_series(1, 3) g\nWHERE current_setting('s3_secret_access_key') IS NOT NULL",
        "lost.sql", "WITH recent AS (SELECT * FROM good)\nSELECT * FROM recent\nJOIN elsewhere USING (x)"));

    assertThat(TransformModels.resolve("team", spec("{configMapRef: {name: team-models}}"), lookup(models)).problems())
        .extracting(Object::toString).containsExactly(
            "spec.transform.configMapRef: model leak (ConfigMap team-models, key leak.sql), line 4: it calls current_setting(), "
                + "which reads files, settings or the catalog",
            "spec.transform.configMapRef: model lost (ConfigMap team-models, key lost.sql), line 3: reads table elsewhere, which is no "
                + "model of the set, no model of the worker image and no raw table " + RAW);
  }

  @Test
  void modelsOfASetReadingEachOtherInACircleAreRefused() {
    ConfigMap models = configMap("loop", Map.of(
        "a.sql", "SELECT * FROM b",
        "b.sql", "-- reads c, which reads a\nSELECT * FROM c JOIN calendar USING (day)",
        "c.sql", "WITH b AS (SELECT 1) SELECT * FROM a, b"));

    assertThat(TransformModels.resolve("t", spec("{configMapRef: {name: loop}}"), lookup(models)).problems())
        .extracting(Object::toString).containsExactly("spec.transform.configMapRef: ConfigMap loop: models form a cycle: "
            + "a -> b -> c -> a (each reads the next)");
  }

  @Test
  void theConfigMapMustExistCarryTheLabelAndHoldModels() {
    assertThat(TransformModels.resolve("t", spec("{configMapRef: {name: absent}}"), TransformModels.ConfigMaps.NONE).problems())
        .extracting(Object::toString).containsExactly("spec.transform.configMapRef.name: no ConfigMap 'absent' labelled "
            + "eider.dev/sql: models in this namespace (the operator reads only ConfigMaps with that label)");
    ConfigMap notes = configMap("notes", Map.of("Top-Posts.sql", "SELECT 1", "notes.txt", "x"));
    assertThat(TransformModels.resolve("t", spec("{configMapRef: {name: notes}}"), lookup(notes)).problems())
        .extracting(Object::toString).containsExactly("spec.transform.configMapRef: ConfigMap notes: key 'Top-Posts.sql' is not "
            + "<model>.sql (a model name is lower-case letters, digits and underscores, starting with a letter or underscore, at most 63)");
    assertThat(TransformModels.resolve("t", spec("{configMapRef: {name: notes, key: missing.sql}}"), lookup(notes)).problems())
        .extracting(Object::toString).containsExactly("spec.transform.configMapRef.key: ConfigMap notes has no key missing.sql");
    ConfigMap empty = configMap("empty", Map.of("notes.txt", "x"));
    assertThat(TransformModels.resolve("t", spec("{configMapRef: {name: empty}}"), lookup(empty)).problems())
        .extracting(Object::toString).containsExactly("spec.transform.configMapRef: ConfigMap empty holds no <model>.sql key");
    assertThat(TransformModels.resolve("t", spec("{configMapRef: {name: \"kube-system/x\", key: \"../sql\"}}"), lookup(empty)).problems())
        .extracting(Object::toString).containsExactly(
            "spec.transform.configMapRef.name: 'kube-system/x' is not a ConfigMap name of this namespace",
            "spec.transform.configMapRef.key: '../sql' is not <model>.sql (a model name is lower-case letters, digits and underscores, "
                + "starting with a letter or underscore, at most 63)");
  }

  static List<String> problems(String asset, String transform) {
    return TransformModels.resolve(asset, spec(transform), TransformModels.ConfigMaps.NONE).problems().stream()
        .map(Object::toString).toList();
  }

  static TransformSpec spec(String yaml) {
    return Serialization.unmarshal("---\n" + yaml, TransformSpec.class);
  }

  static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns").addToLabels("eider.dev/sql", "models")
        .endMetadata().withData(new java.util.HashMap<>(data)).build();
  }

  static TransformModels.ConfigMaps lookup(ConfigMap configMap) {
    return name -> name.equals(configMap.getMetadata().getName()) ? Optional.of(configMap) : Optional.empty();
  }
}
