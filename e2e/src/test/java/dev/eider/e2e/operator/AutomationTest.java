package dev.eider.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.RunningOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.api.asset.Asset;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cron schedules, and checks that gate what runs downstream. */
class AutomationTest {

  /** The operator for a new namespace, started before and stopped after each test. */
  @RegisterExtension
  final RunningOperator running = RunningOperator.perTest("automation");

  private final TestCluster cluster = TestCluster.get();
  private String namespace;
  private OperatorProcess operator;
  private AssetFixtures assets;
  private Path ledger;

  @BeforeEach
  void useOperator() {
    namespace = running.namespace();
    operator = running.process();
    assets = running.assets();
    ledger = running.dir().resolve("ledger");
  }

  @Test
  void cronTickRunsTheAssetOnceAndSchedulesTheNext() {
    // An hourly schedule whose tick is 20 to 80 s away: never under a second (where "nothing ran
    // before the tick" cannot be observed), and the next tick an hour later, far from any load.
    Instant now = Instant.now();
    int minute = (int) ((now.getEpochSecond() / 60 + (now.getEpochSecond() % 60 < 40 ? 1 : 2)) % 60);
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: hourly}
        spec:
          ingest: {bluesky: {authorFeed: {actor: "did:plc:cron"}}}
          automation: {cron: {schedule: "%d * * * *", timezone: UTC, concurrencyPolicy: Forbid}}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}]
        """.formatted(minute, ledger));
    await().atMost(Duration.ofSeconds(60)).until(() -> assets.get("hourly").getStatus() != null
        && assets.get("hourly").getStatus().getNextRunAt() != null);
    Instant firstTick = Instant.parse(assets.get("hourly").getStatus().getNextRunAt());
    assertThat(firstTick).isBetween(now.plusSeconds(20), now.plusSeconds(81));
    assertThat(firstTick.atZone(java.time.ZoneOffset.UTC).getMinute()).isEqualTo(minute);
    assertThat(firstTick.getEpochSecond() % 60).isZero();

    await().atMost(Duration.ofSeconds(180)).until(() -> AssetFixtures.runsEnded(ledger) == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> firstTick.toString().equals(assets.get("hourly").getStatus().getLastScheduleTime()));
    List<AssetFixtures.LedgerLine> starts = AssetFixtures.ledger(ledger).stream().filter(line -> line.event().equals("start")).toList();
    assertThat(starts).as("one run for the tick").singleElement().satisfies(start ->
        assertThat(start.millis()).as("started by the tick, not before it").isGreaterThanOrEqualTo(firstTick.toEpochMilli()));
    Asset asset = assets.get("hourly");
    assertThat(Instant.parse(asset.getStatus().getNextRunAt())).isEqualTo(firstTick.plusSeconds(3600));
    await().atMost(Duration.ofSeconds(30)).until(() -> assets.get("hourly").getStatus().getLastMaterialization() != null);
    asset = assets.get("hourly");
    assertThat(asset.getStatus().getLastMaterialization().getJob()).as("the first run of the unpartitioned asset")
        .isEqualTo("hourly-e3b0c44298fc1c14-1");
    assertThat(Instant.parse(asset.getStatus().getLastMaterialization().getFinishedAt())).isAfterOrEqualTo(firstTick);
    assertThat(asset.getStatus().getPartitions().getMaterialized()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(events("hourly")).extracting(Event::getReason).contains("ScheduleTick", "RunStarted", "RunSucceeded"));
  }

  @Test
  void failingBlockingCheckHoldsTheDownstreamAssetUntilItPasses() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: posts}
        spec:
          transform: {models: [latest_feed]}
          automation: {onMissing: true}
          checks:
            - {name: unique_uri, type: unique, column: uri, blocking: true}
          worker:
            env:
              - {name: FAKE_LEDGER, value: "%s"}
              - {name: FAKE_CHECKS, value: '[{"name":"unique_uri","passed":false,"severity":"error","message":"3 duplicate uri values"}]'}
        """.formatted(ledger));
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: top-posts}
        spec:
          transform: {models: [top_daily_posts]}
          deps: [{asset: posts}]
          automation: {eager: true}
          worker:
            env: [{name: FAKE_LEDGER, value: "%s"}]
        """.formatted(ledger));

    await().atMost(Duration.ofSeconds(60)).until(() -> assets.condition("posts", "ChecksPassed")
        .map(c -> "False".equals(c.getStatus()) && "BlockingCheckFailed".equals(c.getReason())).orElse(false));
    assertThat(assets.get("posts").getStatus().getChecks()).singleElement()
        .satisfies(check -> assertThat(check.getMessage()).isEqualTo("3 duplicate uri values"));
    assets.awaitCondition("top-posts", "Blocked", "True", Duration.ofSeconds(30));
    assertThat(assets.condition("top-posts", "Blocked").orElseThrow().getReason()).isEqualTo("UpstreamCheckFailed");
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> AssetFixtures.runsEnded(ledger) == 1);
    assertThat(cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset", "top-posts").list().getItems()).isEmpty();
    assertThat(events("top-posts")).extracting(Event::getReason).contains("UpstreamCheckFailed");

    // The data is fixed upstream and rebuilt: the check passes and the downstream asset runs.
    cluster.client().resources(Asset.class).inNamespace(namespace).withName("posts").edit(asset -> {
      asset.getSpec().getWorker().getEnv().get(1).setValue("[{\"name\":\"unique_uri\",\"passed\":true,\"severity\":\"error\"}]");
      asset.getMetadata().getAnnotations().put("eider.dev/materialize", "fixed");
      return asset;
    });
    assets.awaitCondition("top-posts", "Ready", "True", Duration.ofSeconds(60));
    assertThat(assets.conditionIs("top-posts", "Blocked", "False")).isTrue();
    assertThat(assets.conditionIs("posts", "ChecksPassed", "True")).isTrue();
  }

  @Test
  void freshnessTurnsStaleOnTimeWithoutAnyOtherEvent() {
    assets.create("""
        apiVersion: eider.dev/v1alpha1
        kind: Asset
        metadata: {name: fresh-posts}
        spec:
          transform: {models: [latest_feed]}
          automation: {onMissing: true}
          checks:
            - {name: recent, type: freshness, column: indexed_at, maxAge: 20s, severity: warn}
          worker:
            env:
              - {name: FAKE_CHECKS, value: '[{"name":"recent","passed":true,"severity":"warn"}]'}
        """);
    // 20 s: room for a loaded machine to report Fresh before the age runs out.
    assets.awaitCondition("fresh-posts", "Fresh", "True", Duration.ofSeconds(60));
    assertThat(assets.condition("fresh-posts", "Fresh").orElseThrow().getReason()).isEqualTo("WithinMaxAge");
    // Whole seconds: a condition's transition time has no fraction.
    Instant materialized = Instant.parse(assets.get("fresh-posts").getStatus().getLastMaterialization().getFinishedAt())
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    // Nothing changes from here on; the operator wakes itself when the 20 s are up: not before,
    // and not much later (a missed wake-up would wait for the resync, minutes away).
    assets.awaitCondition("fresh-posts", "Fresh", "False", Duration.ofSeconds(60));
    Condition stale = assets.condition("fresh-posts", "Fresh").orElseThrow();
    assertThat(stale.getReason()).isEqualTo("Stale");
    assertThat(Instant.parse(stale.getLastTransitionTime())).isBetween(materialized.plusSeconds(20), materialized.plusSeconds(20 + 45));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(events("fresh-posts")).extracting(Event::getReason).contains("StaleFreshness"));
  }

  private List<Event> events(String asset) {
    return cluster.client().events().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> asset.equals(event.getRegarding().getName())).toList();
  }
}
