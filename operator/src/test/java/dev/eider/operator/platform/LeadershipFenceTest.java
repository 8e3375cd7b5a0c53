package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeadershipFenceTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<String> halts = new ArrayList<>();
  private final LeadershipFence fence = new LeadershipFence(Duration.ofSeconds(10), now::get,
      (code, reason) -> halts.add(code + ": " + reason));

  @Test
  void aProcessThatKeepsTickingIsNeverHalted() {
    for (int i = 0; i < 100; i++) {
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      fence.tick();
      fence.check("the asset controller");
    }
    assertThat(halts).isEmpty();
  }

  @Test
  void aReconcileAfterAStallLongerThanTheRenewDeadlineHaltsBeforeActing() {
    fence.tick();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    fence.check("the asset controller");
    assertThat(halts).as("exactly the deadline is still fine").isEmpty();

    now.addAndGet(Duration.ofMillis(1).toNanos());
    fence.check("the asset controller");
    assertThat(halts).containsExactly("75: the asset controller found this replica stalled for 10001 ms, longer than the Lease's"
        + " renew deadline: another replica may lead now");
  }

  @Test
  void theTickerItselfHaltsWhenItWakesAfterAStall() {
    fence.tick();
    now.addAndGet(Duration.ofSeconds(25).toNanos());
    fence.tick();
    assertThat(halts).singleElement().asString().startsWith("75: the process found this replica stalled for 25000 ms");
  }

  @Test
  void losingTheLeaseOutsideShutdownHalts() {
    fence.leadershipLost();
    assertThat(halts).containsExactly("75: lost the Lease to another replica");
  }
}
