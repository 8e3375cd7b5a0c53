package dev.eider.operator.asset.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The states of one Asset's partitions as a reconcile changes them. */
class PartitionStatesTest {

  static final Instant T = Instant.parse("2025-03-10T12:00:00Z");

  /**
   * Windows pushed out of the tracked ones are forgotten, and their shards marked for writing;
   * a window still running and the windows tracked are kept.
   */
  @Test
  void windowsBeforeTheFirstTrackedAreForgottenUnlessRunning() {
    PartitionStates states = PartitionStates.empty();
    states.put(PartitionState.never("2013-10-12T18:00").launched(T, false, null).succeeded(T));
    states.put(PartitionState.never("2013-10-12T19:00").launched(T, false, null));
    states.put(PartitionState.never("2013-10-12T20:00").launched(T, false, null).succeeded(T));
    states.put(PartitionState.never("2025-03-10T11:00").launched(T, false, null).succeeded(T));
    states.clean();

    assertThat(states.forgetWindowsBefore("2013-10-12T20:00")).isEqualTo(1);

    assertThat(states.all()).extracting(PartitionState::key)
        .containsExactly("2013-10-12T19:00", "2013-10-12T20:00", "2025-03-10T11:00");
    assertThat(states.dirtyShards()).containsExactly(PartitionStateStore.shardOf("2013-10-12T18:00"));
    assertThat(states.forgetWindowsBefore("2013-10-12T20:00")).isZero();
  }
}
