package dev.eider.operator.asset.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.asset.sql.TransformModels;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A data diff's base, tables and keys reach SQL and storage: each is checked and named when wrong. */
class DataDiffRulesTest {

  final AssetSpecValidator validator = new AssetSpecValidator(Set.of("transforms"));

  @Test
  void aWellFormedDataDiffIsValid() {
    assertThat(problems("""
        report: {kind: dataDiff, base: "s3://lake/eider/warehouse/eider.duckdb", tables: [{name: top_domains, key: [domain]}, {name: calendar}]}
        """)).isEmpty();
    assertThat(problems("report: {kind: dataDiff, base: \"md:bluesky\", tables: [{name: t}]}")).isEmpty();
    assertThat(problems("report: {kind: dataDiff, base: eider_br_x, tables: [{name: t}]}")).isEmpty();
  }

  @Test
  void aBaseOnTheNodeOrOutsideStorageIsRefused() {
    for (String base : new String[] {"/etc/passwd", "../eider.duckdb", "s3://lake/../prod.duckdb", "https://evil.example/x.duckdb",
        "md:x;ATTACH '/etc'", "'; drop table t; --"}) {
      assertThat(problems("report: {kind: dataDiff, base: \"" + base.replace("\"", "\\\"") + "\", tables: [{name: t}]}"))
          .as(base).containsExactly(new SpecProblem("spec.report.base", "'" + base + "' is not s3://<bucket>/<key>, "
              + "md:<database> or a bare database name"));
    }
    assertThat(problems("report: {kind: dataDiff, tables: [{name: t}]}")).containsExactly(new SpecProblem("spec.report.base",
        "must be set for a dataDiff: the database to compare with (s3://<bucket>/<key>, md:<database> or a bare name)"));
  }

  @Test
  void tablesAndKeysMustBeIdentifiersListedOnce() {
    assertThat(problems("""
        report: {kind: dataDiff, base: prod, tables: [{name: "t; drop"}, {name: u, key: [a, "b\\"c", a]}, {name: u}]}
        """)).containsExactly(
        new SpecProblem("spec.report.tables[0].name", "must be a table name: lower-case letters, digits and '_', at most 63"),
        new SpecProblem("spec.report.tables[1].key[1]", "'b\"c' must be a column name: lower-case letters, digits and '_', at most 63"),
        new SpecProblem("spec.report.tables[1].key[2]", "column a is listed twice"),
        new SpecProblem("spec.report.tables[2].name", "table u is listed twice"));
    assertThat(problems("report: {kind: dataDiff, base: prod, tables: []}"))
        .containsExactly(new SpecProblem("spec.report.tables", "a dataDiff compares at least one table"));
  }

  @Test
  void aDashboardHasNoBaseOrTables() {
    assertThat(problems("report: {kind: dashboard, base: prod, tables: [{name: t}]}")).containsExactly(
        new SpecProblem("spec.report.base", "only a dataDiff report has a base"),
        new SpecProblem("spec.report.tables", "only a dataDiff report has tables"));
  }

  @Test
  void aTransformsKeysNameItsOwnTablesAndColumns() {
    String yaml = """
        transform: {models: [top_domains, calendar], keys: {top_domains: [domain], members: [did], calendar: ["x-y"]}}
        """;
    AssetSpec spec = Serialization.unmarshal(yaml, AssetSpec.class);
    TransformModels.Resolution models = TransformModels.resolve("marts", spec.getTransform(), name -> Optional.empty());
    assertThat(validator.validate("marts", spec, Map.of("marts", spec), models)).containsExactly(
        new SpecProblem("spec.transform.keys.members", "the transform builds no table members; it builds calendar, top_domains"),
        new SpecProblem("spec.transform.keys.calendar[0]", "'x-y' must be a column name: lower-case letters, digits and '_', at most 63"));
  }

  private java.util.List<SpecProblem> problems(String yaml) {
    AssetSpec spec = Serialization.unmarshal(yaml, AssetSpec.class);
    return validator.validate("diff", spec, Map.of("diff", spec));
  }
}
