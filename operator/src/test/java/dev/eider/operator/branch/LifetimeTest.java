package dev.eider.operator.branch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The TTL runs from creation or from the last spec change, and survives restarts through the status. */
class LifetimeTest {

  static final Instant NOW = Instant.parse("2025-03-02T10:00:00Z");

  @Test
  void aNewBranchExpiresTtlAfterItsCreation() {
    assertThat(Lifetime.expiresAt(BranchFixtures.sample(), null, NOW)).contains(Instant.parse("2025-03-04T10:00:00Z"));
  }

  @Test
  void aSpecChangeStartsTheTtlAgain() {
    BranchDeployment changed = BranchFixtures.sample();
    changed.getMetadata().setGeneration(2L);
    BranchDeploymentStatus seen = new BranchDeploymentStatus();
    seen.setObservedGeneration(1L);
    seen.setExpiresAt("2025-03-04T10:00:00Z");
    assertThat(Lifetime.expiresAt(changed, seen, NOW)).contains(NOW.plusSeconds(72 * 3600));
  }

  @Test
  void theRecordedExpiryHoldsWhileTheSpecDoesNotChange() {
    BranchDeployment same = BranchFixtures.sample();
    same.getMetadata().setGeneration(3L);
    BranchDeploymentStatus seen = new BranchDeploymentStatus();
    seen.setObservedGeneration(3L);
    seen.setExpiresAt("2025-03-03T08:00:00Z");
    assertThat(Lifetime.expiresAt(same, seen, NOW)).contains(Instant.parse("2025-03-03T08:00:00Z"));
  }

  @Test
  void noTtlNeverExpires() {
    BranchDeployment forever = BranchFixtures.of(BranchFixtures.SAMPLE.replace("  ttl: 72h\n", ""));
    assertThat(Lifetime.expiresAt(forever, null, NOW)).isEmpty();
  }
}
