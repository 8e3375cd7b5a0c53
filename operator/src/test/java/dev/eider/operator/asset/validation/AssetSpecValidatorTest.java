package dev.eider.operator.asset.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.contract.time.Durations;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the schema cannot check, reported with field paths, all problems at once. */
class AssetSpecValidatorTest {

  final AssetSpecValidator validator = new AssetSpecValidator(Set.of("ingestion", "transforms"));

  @Test
  void theBlueskySampleIsValid() throws IOException {
    Map<String, AssetSpec> namespace = samples();
    assertThat(namespace).hasSize(11);
    namespace.forEach((name, spec) -> assertThat(validator.validate(name, spec, namespace)).as(name).isEmpty());
  }

  @Test
  void checksOnAnIngestionAreReportedSinceNothingWouldEvaluateThem() {
    Map<String, AssetSpec> namespace = Map.of("raw", spec("""
        ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
        checks: [{name: has_rows, type: rowCount, min: 1}]
        """));
    assertThat(validator.validate("raw", namespace.get("raw"), namespace)).containsExactly(
        new SpecProblem("spec.checks", "checks run after transforms only; check ingested data in the transform that reads it"));
  }

  @Test
  void aReportIsOneKindItsOutputStaysUnderThePrefixAndItHasNoChecks() {
    Map<String, AssetSpec> namespace = Map.of("dash", spec("""
        report: {kind: dashboard, output: "_reports/../../production/dashboard.html"}
        transform: {models: [calendar]}
        checks: [{name: has_rows, type: rowCount, min: 1}]
        """));
    assertThat(validator.validate("dash", namespace.get("dash"), namespace)).containsExactly(
        new SpecProblem("spec", "exactly one of ingest, transform and report must be set"),
        new SpecProblem("spec.report.output", "'_reports/../../production/dashboard.html' must be a relative path of "
            + "letters, digits, '_', '.', '-' and '/' without '.' or '..' segments, at most 512 characters"),
        new SpecProblem("spec.checks", "checks run after transforms only; check a report's tables in the transforms that build them"));
    Map<String, AssetSpec> fine = Map.of("dash", spec("report: {kind: dashboard, output: _reports/x.v2.html}"));
    assertThat(validator.validate("dash", fine.get("dash"), fine)).isEmpty();
    Map<String, AssetSpec> none = Map.of("dash", spec("deps: []"));
    assertThat(validator.validate("dash", none.get("dash"), none))
        .containsExactly(new SpecProblem("spec", "exactly one of ingest, transform and report must be set"));
  }

  @Test
  void unknownDependencyAndDynamicSourceAreNamed() {
    Map<String, AssetSpec> namespace = Map.of("b", spec("""
        transform: {models: [b]}
        deps: [{asset: nowhere}]
        partitions: {dynamic: {fromAsset: missing}}
        """));
    assertThat(validator.validate("b", namespace.get("b"), namespace)).containsExactly(
        new SpecProblem("spec.deps[0].asset", "unknown asset 'nowhere' in this namespace"),
        new SpecProblem("spec.partitions.dynamic.fromAsset", "unknown asset 'missing' in this namespace"));
  }

  @Test
  void dependencyCycleIsReportedWithItsPath() {
    Map<String, AssetSpec> namespace = new LinkedHashMap<>();
    namespace.put("a", spec("transform: {models: [a]}\ndeps: [{asset: c}]"));
    namespace.put("b", spec("transform: {models: [b]}\ndeps: [{asset: a}]"));
    namespace.put("c", spec("transform: {models: [c]}\ndeps: [{asset: b}]"));
    assertThat(validator.validate("a", namespace.get("a"), namespace))
        .containsExactly(new SpecProblem("spec.deps", "dependency cycle: a -> c -> b -> a"));
  }

  @Test
  void badCronTimezoneAndPoolAreAllReportedTogether() {
    Map<String, AssetSpec> namespace = Map.of("x", spec("""
        transform: {models: [x]}
        pool: gpu
        automation: {cron: {schedule: "61 * * * *", timezone: Mars/Olympus}}
        partitions: {timeWindow: {cron: "every day", start: "2025-02-30"}}
        retry: {backoff: {initial: 10m, max: 1m}}
        """));
    List<SpecProblem> problems = validator.validate("x", namespace.get("x"), namespace);
    assertThat(problems).extracting(SpecProblem::field).containsExactlyInAnyOrder(
        "spec.pool", "spec.automation.cron.schedule", "spec.automation.cron.timezone",
        "spec.partitions.timeWindow.cron", "spec.partitions.timeWindow.start", "spec.retry.backoff.max");
    assertThat(problems).filteredOn(p -> p.field().equals("spec.pool"))
        .extracting(SpecProblem::message).containsExactly("unknown pool 'gpu'; configured pools: [ingestion, transforms]");
  }

  @Test
  void checksNeedWhatTheirTypeReads() {
    Map<String, AssetSpec> namespace = Map.of("x", spec("""
        transform: {models: [x]}
        checks:
          - {name: a, type: unique}
          - {name: a, type: rowCount, min: 5, max: 1}
          - {name: c, type: acceptedValues, column: t}
          - {name: d, type: freshness}
          - {name: e, type: sql}
        """));
    assertThat(validator.validate("x", namespace.get("x"), namespace)).extracting(Object::toString).containsExactly(
        "spec.checks[0].column: is required by unique",
        "spec.checks[1].name: 'a' is used by another check",
        "spec.checks[1].max: is below min",
        "spec.checks[2].values: is required by acceptedValues",
        "spec.checks[3].maxAge: is required by freshness",
        "spec.checks[4].sql: is required by sql");
  }

  @Test
  void checkSqlAndColumnsTheWorkerWouldRefuseAreReportedWithTheirFields() {
    Map<String, AssetSpec> namespace = Map.of("x", spec("""
        transform: {models: [x]}
        checks:
          - {name: a, type: notNull, column: 'uri" IS NULL OR 1=1 --'}
          - {name: b, type: sql, sql: "SELECT 1) a; COPY (SELECT 42) TO 'f'; SELECT (1"}
          - {name: c, type: sql, sql: "ATTACH 'other.duckdb' AS o"}
          - {name: d, type: sql, sql: "select * from x where note = 'a;b';"}
          - {name: e, type: unique, column: Post_Uri}
        """));
    assertThat(validator.validate("x", namespace.get("x"), namespace)).extracting(Object::toString).containsExactly(
        "spec.checks[0].column: 'uri\" IS NULL OR 1=1 --' is not a plain SQL identifier (letters, digits and _, "
            + "not starting with a digit, at most 63 characters)",
        "spec.checks[1].sql: holds ';' outside a string: a check is one SELECT, not a list of statements",
        "spec.checks[2].sql: starts with ATTACH: a check is one read-only query starting with SELECT, WITH, VALUES or FROM "
            + "(COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CALL, writes and DDL are refused)");
  }

  @Test
  void transformSqlIsJudgedBeforeAnyRun() {
    Map<String, AssetSpec> namespace = Map.of(
        "inline", spec("transform: {sql: \"select 1\"}"),
        "two-statements", spec("transform: {sql: \"select 1;\\nDROP TABLE raw_feed_items\"}"),
        "from-config-map", spec("transform: {configMapRef: {name: models, key: daily.sql}}"));

    assertThat(validator.validate("inline", namespace.get("inline"), namespace)).isEmpty();
    assertThat(validator.validate("two-statements", namespace.get("two-statements"), namespace)).extracting(Object::toString)
        .containsExactly("spec.transform.sql: model two_statements, line 1: a ';' ends the statement here: a model is one "
            + "SELECT, not a list of statements");
    // Without the namespace's ConfigMaps (the reconciler passes its cache) the ConfigMap is unknown.
    assertThat(validator.validate("from-config-map", namespace.get("from-config-map"), namespace)).extracting(Object::toString)
        .containsExactly("spec.transform.configMapRef.name: no ConfigMap 'models' labelled eider.dev/sql: models in this "
            + "namespace (the operator reads only ConfigMaps with that label)");
  }

  @Test
  void durationsParseLikeTheSchemaWritesThem() {
    assertThat(Durations.parse("1h30m")).contains(java.time.Duration.ofMinutes(90));
    assertThat(Durations.parse("2d")).contains(java.time.Duration.ofDays(2));
    assertThat(Durations.parse("30 seconds")).isEmpty();
  }

  private static AssetSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, AssetSpec.class);
  }

  private static Map<String, AssetSpec> samples() throws IOException {
    Map<String, AssetSpec> namespace = new LinkedHashMap<>();
    Path dir = Path.of(System.getProperty("eider.crds.dir", "../crds")).resolve("samples/bluesky");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        Asset asset = Serialization.unmarshal(Files.readString(file), Asset.class);
        namespace.put(asset.getMetadata().getName(), asset.getSpec());
      }
    }
    return namespace;
  }
}
