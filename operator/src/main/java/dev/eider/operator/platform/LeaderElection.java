package dev.eider.operator.platform;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Turns on Lease-based leader election, so two replicas are safe: only the leader starts its
 * controllers. A replica that loses the Lease, or stalls long enough that it may have lost it,
 * exits through the {@link LeadershipFence} (JOSDK alone would keep reconciling next to the new
 * leader, and its own exit-on-loss hangs during shutdown); Kubernetes restarts it as a standby.
 */
@Singleton
public class LeaderElection implements ConfigurationServiceCustomizer {

  private static final Logger LOG = Logger.getLogger(LeaderElection.class);

  private final EiderConfig.LeaderElection config;
  private volatile LeadershipFence fence;
  /** Whether this replica runs the controllers: at once without leader election, else once it holds the Lease. */
  private volatile boolean leading;

  public LeaderElection(EiderConfig config, MeterRegistry registry) {
    this.config = config.leaderElection();
    this.leading = !this.config.enabled();
    // Summed over replicas it must be 1: the "no leader" alert fires when it is 0 (or absent) for minutes.
    Gauge.builder("eider.leader", this, election -> election.leading ? 1 : 0)
        .description("1 on the replica that runs the controllers (holds the Lease), 0 on a standby").strongReference(true)
        .register(registry);
  }

  /** Halts this replica if it may have lost the Lease; a no-op without leader election. */
  public void checkStillLeading(String who) {
    LeadershipFence current = fence;
    if (current != null) {
      current.check(who);
    }
  }

  @Override
  public Consumer<ConfigurationServiceOverrider> overrider() {
    return overrider -> {
      if (!config.enabled()) {
        return;
      }
      String identity = config.identity()
          .orElseGet(() -> System.getenv().getOrDefault("HOSTNAME", "eider-operator-" + UUID.randomUUID()));
      LOG.infof("leader election on, Lease %s, identity %s", config.leaseName(), identity);
      LeadershipFence started = LeadershipFence.start(config.renewDeadline());
      fence = started;
      LeaderCallbacks callbacks = new LeaderCallbacks(() -> leading = true, started::leadershipLost, leader -> { });
      overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(config.leaseName(),
          config.leaseNamespace().orElse(null), config.leaseDuration(), config.renewDeadline(), config.retryPeriod(),
          identity, callbacks, false));
    };
  }
}
