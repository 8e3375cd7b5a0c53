package dev.eider.operator.platform;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Turns on Lease-based leader election, so two replicas are safe: only the leader starts its
 * controllers. A replica that loses the lease stops reconciling but keeps running (and keeps
 * serving health and metrics) instead of exiting, since JOSDK's exit-on-loss hangs on shutdown.
 */
@Singleton
public class LeaderElection implements ConfigurationServiceCustomizer {

  private static final Logger LOG = Logger.getLogger(LeaderElection.class);

  private final EiderConfig.LeaderElection config;

  public LeaderElection(EiderConfig config) {
    this.config = config.leaderElection();
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
      overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(config.leaseName(),
          config.leaseNamespace().orElse(null), config.leaseDuration(), config.renewDeadline(), config.retryPeriod(),
          identity, null, false));
    };
  }
}
