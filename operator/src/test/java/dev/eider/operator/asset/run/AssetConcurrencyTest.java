package dev.eider.operator.asset.run;

import dev.eider.operator.asset.state.Trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import dev.eider.operator.platform.TestEiderConfig;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One asset runs at most eider.runs.max-concurrent-per-asset partitions at a time; the rest wait. */
class AssetConcurrencyTest {

  static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

  @Test
  void theDefaultLimitIsTen() {
    assertThat(new TestEiderConfig().runs().maxConcurrentPerAsset()).isEqualTo(10);
  }

  @Test
  void aBackfillOfTenThousandPartitionsStartsTenRuns() {
    PartitionStates states = states(10_000, 0);
    List<DueRun> due = IntStream.range(0, 10_000).mapToObj(i -> new DueRun("k" + i, Trigger.MANUAL, null)).toList();

    List<DueRun> admitted = RunLauncher.admitted(due, RunSlots.freeForAsset(states, 10));

    assertThat(admitted).hasSize(10).extracting(DueRun::key).startsWith("k0").endsWith("k9");
  }

  @Test
  void runningPartitionsTakeTheirSlots() {
    assertThat(RunSlots.freeForAsset(states(100, 0), 10)).isEqualTo(10);
    assertThat(RunSlots.freeForAsset(states(100, 7), 10)).isEqualTo(3);
    assertThat(RunSlots.freeForAsset(states(100, 10), 10)).isZero();
    // A limit lowered below what already runs: nothing new starts, never a negative count.
    assertThat(RunSlots.freeForAsset(states(100, 12), 10)).isZero();
  }

  @Test
  void aReplacementTakesTheSlotOfTheRunItDeletes() {
    List<DueRun> due = List.of(new DueRun("a", Trigger.REPLACE, null), new DueRun("b", Trigger.MISSING, null),
        new DueRun("c", Trigger.MISSING, null));

    assertThat(RunLauncher.admitted(due, 0)).extracting(DueRun::key).containsExactly("a");
    assertThat(RunLauncher.admitted(due, 1)).extracting(DueRun::key).containsExactly("a", "b");
    assertThat(RunLauncher.admitted(due, 5)).extracting(DueRun::key).containsExactly("a", "b", "c");
  }

  /** {@code total} partitions, the first {@code running} of them with a run in progress. */
  static PartitionStates states(int total, int running) {
    PartitionStates states = PartitionStates.empty();
    for (int i = 0; i < total; i++) {
      PartitionState state = PartitionState.never("k" + i);
      states.put(i < running ? state.launched(NOW, false, null) : state);
    }
    return states;
  }
}
