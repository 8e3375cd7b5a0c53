package dev.eider.operator.branch;

import dev.eider.contract.time.Durations;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a BranchDeployment expires: {@code spec.ttl} after its creation or after the last change of
 * its spec (a new commit, for example). A spec change is seen as a new {@code metadata.generation};
 * the operator dates it when it first sees it, so the expiry survives restarts through
 * {@code status.expiresAt} and {@code status.observedGeneration}.
 */
public final class Lifetime {

  private Lifetime() {}

  public static Optional<Instant> expiresAt(BranchDeployment deployment, BranchDeploymentStatus previous, Instant now) {
    Optional<Duration> ttl = Durations.parse(deployment.getSpec() == null ? null : deployment.getSpec().getTtl())
        .filter(duration -> !duration.isZero());
    if (ttl.isEmpty()) {
      return Optional.empty();
    }
    long generation = deployment.getMetadata().getGeneration() == null ? 1 : deployment.getMetadata().getGeneration();
    if (previous != null && previous.getObservedGeneration() != null && previous.getObservedGeneration() == generation
        && previous.getExpiresAt() != null) {
      try {
        return Optional.of(Instant.parse(previous.getExpiresAt()));
      } catch (RuntimeException e) {
        // unreadable: computed again below
      }
    }
    Instant changed = generation <= 1 ? created(deployment, now) : now;
    return Optional.of(changed.plus(ttl.get()).truncatedTo(ChronoUnit.SECONDS));
  }

  private static Instant created(BranchDeployment deployment, Instant now) {
    try {
      String created = deployment.getMetadata().getCreationTimestamp();
      return created == null ? now : Instant.parse(created);
    } catch (RuntimeException e) {
      return now;
    }
  }
}
