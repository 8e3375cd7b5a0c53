package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Specs the schema accepts but the operator cannot run: each is reported as Ready=False with
 * reason InvalidSpec, naming the field, plus a Warning Event, while the operator keeps running the
 * valid assets next to them and does not spin on the invalid ones.
 */
class InvalidSpecTest {

  private static final int OBSERVED_SECONDS = 20;

  private final TestCluster cluster = TestCluster.get();

  @Test
  void invalidSpecsAreReportedNotRunAndDoNotStopTheOthers() {
    String namespace = cluster.newNamespace("invalid");
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace);
    AssetFixtures assets = new AssetFixtures(cluster.client(), namespace);
    Path ledger = eider.dir().resolve("ledger");
    Map<String, String> invalid = Map.of(
        "unknown-dep", "deps: [{asset: no-such-asset}]\n  automation: {onMissing: true}",
        "cycle-a", "deps: [{asset: cycle-b}]\n  automation: {eager: true}",
        "cycle-b", "deps: [{asset: cycle-a}]\n  automation: {eager: true}",
        "bad-cron", "automation: {cron: {schedule: \"61 * * * *\"}}",
        "bad-zone", "automation: {cron: {schedule: \"0 0 * * *\", timezone: Mars/Olympus_Mons}}",
        "unknown-pool", "pool: no-such-pool\n  automation: {onMissing: true}");
    Map<String, String> expectedField = Map.of(
        "unknown-dep", "spec.deps[0].asset",
        "cycle-a", "cycle",
        "cycle-b", "cycle",
        "bad-cron", "spec.automation.cron.schedule",
        "bad-zone", "spec.automation.cron.timezone",
        "unknown-pool", "spec.pool");
    try (OperatorProcess operator = eider.start()) {
      invalid.forEach((name, extra) -> assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: %s}
          spec:
            ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
            %s
            worker:
              env: [{name: FAKE_LEDGER, value: "%s"}]
          """.formatted(name, extra, ledger)));
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: valid}
          spec:
            ingest: {bluesky: {authorFeed: {actor: "did:plc:ok"}}}
            automation: {onMissing: true}
            worker:
              env: [{name: FAKE_LEDGER, value: "%s"}]
          """.formatted(ledger));

      assets.awaitCondition("valid", "Ready", "True", Duration.ofSeconds(60));
      for (String name : invalid.keySet()) {
        assets.awaitCondition(name, "Ready", "False", Duration.ofSeconds(30));
        Condition ready = assets.condition(name, "Ready").orElseThrow();
        assertThat(ready.getReason()).as(name).isEqualTo("InvalidSpec");
        assertThat(ready.getMessage()).as(name).contains(expectedField.get(name));
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(warnings(namespace))
          .extracting(event -> event.getRegarding().getName()).containsAll(invalid.keySet()));
      // Settled: the valid asset's one run ended and its status is written.
      await().atMost(Duration.ofSeconds(30)).until(() -> AssetFixtures.runsEnded(ledger) == 1);
      Map<String, Long> reportsBefore = invalidReportsByAsset(operator);
      Map<String, String> versionsBefore = resourceVersions(assets, invalid.keySet());
      // A window four times the shortest requeue the operator uses (5 s): a loop at that pace or
      // faster reports each asset at least three more times; none is allowed one more than a
      // straggling reconcile already on its way.
      await().during(Duration.ofSeconds(OBSERVED_SECONDS)).atMost(Duration.ofSeconds(OBSERVED_SECONDS + 10))
          .until(() -> AssetFixtures.runsEnded(ledger) == 1);
      Map<String, Long> reportsAfter = invalidReportsByAsset(operator);
      for (String name : invalid.keySet()) {
        assertThat(reportsBefore.getOrDefault(name, 0L)).as("%s was reported before the window", name).isPositive();
        assertThat(reportsAfter.getOrDefault(name, 0L) - reportsBefore.getOrDefault(name, 0L))
            .as("%s is not reconciled in a loop", name).isLessThanOrEqualTo(1);
      }
      assertThat(resourceVersions(assets, invalid.keySet())).as("no status rewritten in a loop").isEqualTo(versionsBefore);
      assertThat(operator.alive()).isTrue();

      // Creating the missing dependency makes the asset that names it valid.
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: no-such-asset}
          spec:
            ingest: {bluesky: {authorFeed: {actor: "did:plc:late"}}}
            worker:
              env: [{name: FAKE_LEDGER, value: "%s"}]
          """.formatted(ledger));
      await().atMost(Duration.ofSeconds(30)).until(() -> !"InvalidSpec".equals(assets.condition("unknown-dep", "Ready").orElseThrow().getReason()));
    }
  }

  private List<Event> warnings(String namespace) {
    return cluster.client().events().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> "Warning".equals(event.getType()) && "InvalidSpec".equals(event.getReason())).toList();
  }

  /** How many times the operator's log reported each asset's spec invalid so far. */
  private static Map<String, Long> invalidReportsByAsset(OperatorProcess operator) {
    Pattern report = Pattern.compile("asset [^/ ]+/([^ ]+) has an invalid spec");
    return operator.log().lines().map(report::matcher).filter(Matcher::find)
        .collect(Collectors.groupingBy(m -> m.group(1), Collectors.counting()));
  }

  private static Map<String, String> resourceVersions(AssetFixtures assets, java.util.Set<String> names) {
    return names.stream().collect(Collectors.toMap(name -> name, name -> assets.get(name).getMetadata().getResourceVersion()));
  }
}
