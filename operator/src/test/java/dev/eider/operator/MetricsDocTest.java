package dev.eider.operator;

import dev.eider.operator.asset.state.Trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.PartitionCounts;
import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.asset.metrics.AssetHealth;
import dev.eider.operator.asset.metrics.AssetMetrics;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.platform.LeaderElection;
import dev.eider.operator.platform.ReconcileErrors;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md lists every eider_* metric the operator registers (each with every meter in use,
 * as a scrape shows them), and the chart's alerts; the leader gauge says which replica leads.
 */
class MetricsDocTest {

  private static final Pattern TYPE = Pattern.compile("^# TYPE (eider_[a-z_]+) ", Pattern.MULTILINE);

  @Test
  void everyEiderMetricIsDocumented() throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AssetMetrics metrics = new AssetMetrics(registry);
    Instant now = Instant.now();
    metrics.observed("ns", "a", AssetHealth.of(now, Optional.of(Duration.ofHours(1)), new PartitionCounts()));
    metrics.launched("ns", "a", 1);
    metrics.finished("ns", "a", new RunOutcome(RunOutcome.Kind.SUCCEEDED, "ok", null, null, List.of(), now));
    metrics.started("ns", "a", new DueRun("", Trigger.CRON, null), Optional.of(now), now);
    metrics.reconcileTimer().record(Duration.ofMillis(5));
    new ReconcileErrors(registry);
    new LeaderElection(config(false), registry);

    Set<String> names = new TreeSet<>();
    Matcher type = TYPE.matcher(registry.scrape());
    while (type.find()) {
      // A histogram's or summary's family is documented by its base name.
      names.add(type.group(1).replaceAll("_max$", ""));
    }
    assertThat(names).hasSizeGreaterThanOrEqualTo(11);
    String doc = Files.readString(Path.of(System.getProperty("eider.docs.dir", "../docs")).resolve("metrics.md"));
    assertThat(names).allSatisfy(name -> assertThat(doc).as("docs/metrics.md names %s", name).contains("`" + name + "`"));
    assertThat(HelmMonitoringTest.ALERTS).allSatisfy(alert -> assertThat(doc).contains("`" + alert + "`"));
  }

  @Test
  void onlyTheReplicaThatRunsTheControllersReportsItselfLeader() {
    PrometheusMeterRegistry alone = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new LeaderElection(config(false), alone);
    assertThat(alone.scrape()).contains("eider_leader 1.0");

    // With leader election a replica is a standby until JOSDK tells it that it holds the Lease.
    PrometheusMeterRegistry electing = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new LeaderElection(config(true), electing);
    assertThat(electing.scrape()).contains("eider_leader 0.0");
  }

  /** Only leaderElection() is read by LeaderElection's constructor. */
  private static EiderConfig config(boolean election) {
    EiderConfig.LeaderElection leaderElection = new EiderConfig.LeaderElection() {
      @Override
      public boolean enabled() {
        return election;
      }

      @Override
      public String leaseName() {
        return "eider-operator";
      }

      @Override
      public Optional<String> leaseNamespace() {
        return Optional.empty();
      }

      @Override
      public Optional<String> identity() {
        return Optional.empty();
      }

      @Override
      public Duration leaseDuration() {
        return Duration.ofSeconds(15);
      }

      @Override
      public Duration renewDeadline() {
        return Duration.ofSeconds(10);
      }

      @Override
      public Duration retryPeriod() {
        return Duration.ofSeconds(2);
      }
    };
    return (EiderConfig) Proxy.newProxyInstance(EiderConfig.class.getClassLoader(), new Class<?>[] {EiderConfig.class},
        (proxy, method, args) -> {
          if (method.getName().equals("leaderElection")) {
            return leaderElection;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
