package dev.eider.operator.ui;

import static dev.eider.operator.ui.UiFixtures.stateConfigMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.asset.state.PartitionState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedStatesTest {

  private static final Instant T = Instant.parse("2026-12-06T06:00:00Z");

  private static ConfigMap states(String name, int count, boolean failed) {
    List<PartitionState> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      PartitionState launched = PartitionState.never("k" + i).launched(T, false, null);
      list.add(failed ? launched.failed("boom") : launched.succeeded(T));
    }
    return stateConfigMap("ns", name, list);
  }

  @Test
  void theSameObjectIsParsedOnceAndAReplacedOneAgain() {
    ParsedStates parsed = new ParsedStates();
    ConfigMap first = states("a-partitions", 3, false);
    var once = parsed.of(first);
    assertThat(parsed.of(first)).isSameAs(once);
    assertThat(once.get("k1").phase()).isEqualTo(PartitionState.Phase.SUCCEEDED);
    // The informer replaces the object on a change: the new content is read, never the old.
    ConfigMap changed = states("a-partitions", 3, true);
    assertThat(parsed.of(changed)).isNotSameAs(once);
    assertThat(parsed.of(changed).get("k1").phase()).isEqualTo(PartitionState.Phase.FAILED);
    assertThat(parsed.held()).isEqualTo(3);
  }

  @Test
  void theLeastRecentlyUsedGoBeyondTheBound() {
    ParsedStates parsed = new ParsedStates();
    ConfigMap a = states("a", 90_000, false);
    ConfigMap b = states("b", 90_000, false);
    ConfigMap c = states("c", 90_000, false);
    var first = parsed.of(a);
    parsed.of(b);
    assertThat(parsed.held()).isEqualTo(180_000);
    parsed.of(c);
    assertThat(parsed.held()).isEqualTo(180_000).isLessThanOrEqualTo(ParsedStates.MAX_STATES);
    // a was the least recently used: parsed again, into a new map.
    assertThat(parsed.of(a)).isNotSameAs(first).hasSize(90_000);
  }
}
